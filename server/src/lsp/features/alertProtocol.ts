// Requests between the alert lenses' commands (client) and the server. Shared by both sides.
import type { Labels } from '../../prometheus/types';

export const ALERT_REQUESTS = {
  instances: 'runbook/alertInstances',
  silence: 'runbook/silenceAlert',
  expire: 'runbook/expireSilence',
} as const;

export interface AlertInstancesParams { env: string; alert: string }
export interface AlertInstancesResult {
  env: string;
  alert: string;
  state?: 'firing' | 'pending' | 'inactive';
  instances?: { labels: Labels; state: string; activeAt?: string; value?: string }[];
  error?: string;
}

export interface SilenceParams { env: string; alert: string; durationMs: number; comment: string }
export interface ExpireSilenceParams { env: string; ids: string[] }
export interface SilenceResult {
  id?: string;
  endsAt?: string;
  createdBy?: string;
  /** Who asked, for the run record (the OS user and git's user.email). */
  ranBy?: { user: string; email?: string };
  /** As Alertmanager prints them, for the run record. */
  matchers?: string[];
  error?: string;
}

/**
 * The lens arguments the client's commands receive. Scripted use (tests, keybindings) may add the
 * answers: `duration` and `comment`, and `confirm`, which must be the environment's name, like a
 * run command's `confirm`.
 */
export interface ScriptedAnswers { duration?: string; comment?: string; confirm?: string }
export interface SilenceLensArgs extends ScriptedAnswers { uri: string; env: string; protected: boolean; alert: string }
export interface ExpireLensArgs extends ScriptedAnswers { uri?: string; env: string; protected: boolean; alert: string; silences: { id: string; endsAt: string; createdBy: string; comment: string; matchers?: string[] }[] }
