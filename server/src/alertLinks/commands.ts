// The alert lens's command ids, in a module with no imports: the client registers them without
// bundling the server behind the lens.
export const ALERT_COMMANDS = {
  instances: 'runbook.showAlertInstances',
  silence: 'runbook.silenceAlert',
  expire: 'runbook.expireSilence',
} as const;
