// PromQL function and aggregation signatures, as data. Facts from the Prometheus documentation
// (querying/functions, querying/operators) and its parser's function table; the checker, completion
// and hover all read this one file.

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface FunctionSig {
  name: string;
  args: ValueType[];
  /** 0: exactly `args`. n > 0: the last arg is optional and may repeat up to n times. -1: repeats without limit. */
  variadic: number;
  returns: ValueType;
  doc: string;
  experimental?: boolean;
  /** Parameter names for the signature shown in completion and hover. */
  params: string[];
}

const V: ValueType = 'vector', M: ValueType = 'matrix', S: ValueType = 'scalar', STR: ValueType = 'string';

function fn(name: string, params: string, args: ValueType[], returns: ValueType, doc: string,
  variadic = 0, experimental = false): FunctionSig {
  return { name, params: params ? params.split(',') : [], args, returns, doc, variadic, experimental };
}

const over = (what: string) => `The ${what} of all points in the specified interval.`;

export const FUNCTIONS: readonly FunctionSig[] = [
  fn('abs', 'v', [V], V, 'Absolute value of every sample.'),
  fn('absent', 'v', [V], V, 'A 1-element vector when the vector has no elements, empty otherwise (for alerting on missing series).'),
  fn('absent_over_time', 'range_v', [M], V, 'A 1-element vector when the range vector has no elements, empty otherwise.'),
  fn('acos', 'v', [V], V, 'Arccosine of every sample.'),
  fn('acosh', 'v', [V], V, 'Inverse hyperbolic cosine of every sample.'),
  fn('asin', 'v', [V], V, 'Arcsine of every sample.'),
  fn('asinh', 'v', [V], V, 'Inverse hyperbolic sine of every sample.'),
  fn('atan', 'v', [V], V, 'Arctangent of every sample.'),
  fn('atanh', 'v', [V], V, 'Inverse hyperbolic tangent of every sample.'),
  fn('avg_over_time', 'range_v', [M], V, over('average value')),
  fn('ceil', 'v', [V], V, 'Rounds every sample up to the nearest integer.'),
  fn('changes', 'range_v', [M], V, 'How many times each series changed value within the range.'),
  fn('clamp', 'v,min,max', [V, S, S], V, 'Clamps sample values to a lower bound of min and an upper bound of max.'),
  fn('clamp_max', 'v,max', [V, S], V, 'Clamps sample values to an upper bound of max.'),
  fn('clamp_min', 'v,min', [V, S], V, 'Clamps sample values to a lower bound of min.'),
  fn('cos', 'v', [V], V, 'Cosine of every sample.'),
  fn('cosh', 'v', [V], V, 'Hyperbolic cosine of every sample.'),
  fn('count_over_time', 'range_v', [M], V, over('count')),
  fn('days_in_month', 'v=vector(time())', [V], V, 'Number of days in the month of each timestamp (UTC).', 1),
  fn('day_of_month', 'v=vector(time())', [V], V, 'Day of the month (1-31) of each timestamp (UTC).', 1),
  fn('day_of_week', 'v=vector(time())', [V], V, 'Day of the week (0-6, 0 is Sunday) of each timestamp (UTC).', 1),
  fn('day_of_year', 'v=vector(time())', [V], V, 'Day of the year (1-366) of each timestamp (UTC).', 1),
  fn('deg', 'v', [V], V, 'Converts radians to degrees.'),
  fn('delta', 'range_v', [M], V, 'Difference between the first and last value of each gauge series in the range.'),
  fn('deriv', 'range_v', [M], V, 'Per-second derivative of each gauge series, by simple linear regression.'),
  fn('double_exponential_smoothing', 'range_v,sf,tf', [M, S, S], V, 'Smoothed value of each gauge series (formerly holt_winters).', 0, true),
  fn('end', '', [], S, 'End time of the range query evaluation, in seconds.', 0, true),
  fn('exp', 'v', [V], V, 'Exponential function of every sample.'),
  fn('first_over_time', 'range_v', [M], V, 'The oldest point of each series in the interval.', 0, true),
  fn('floor', 'v', [V], V, 'Rounds every sample down to the nearest integer.'),
  fn('histogram_avg', 'v', [V], V, 'Arithmetic average of observations in each native histogram.'),
  fn('histogram_count', 'v', [V], V, 'Count of observations in each native histogram.'),
  fn('histogram_fraction', 'lower,upper,v', [S, S, V], V, 'Estimated fraction of observations between lower and upper.'),
  fn('histogram_quantile', 'φ,b', [S, V], V, 'φ-quantile (0 ≤ φ ≤ 1) from classic buckets (rate of *_bucket by le) or native histograms.'),
  fn('histogram_quantiles', 'v,label,φ1,φ2', [V, STR, S, S], V, 'Several quantiles at once, one series per quantile labelled with label.', 9, true),
  fn('histogram_stddev', 'v', [V], V, 'Estimated standard deviation of observations in each native histogram.'),
  fn('histogram_stdvar', 'v', [V], V, 'Estimated standard variance of observations in each native histogram.'),
  fn('histogram_sum', 'v', [V], V, 'Sum of observations in each native histogram.'),
  fn('hour', 'v=vector(time())', [V], V, 'Hour of the day (0-23) of each timestamp (UTC).', 1),
  fn('idelta', 'range_v', [M], V, 'Difference between the last two samples of each series in the range.'),
  fn('increase', 'range_v', [M], V, 'Increase of each counter over the range, adjusted for resets.'),
  fn('info', 'v,data_label_selector', [V, V], V, 'Adds labels from info metrics (target_info by default) to each series.', 1, true),
  fn('irate', 'range_v', [M], V, 'Per-second instant rate from the last two samples of each counter in the range.'),
  fn('label_join', 'v,dst_label,separator,src_label', [V, STR, STR, STR], V, 'Joins the values of src_labels with separator into dst_label.', -1),
  fn('label_replace', 'v,dst_label,replacement,src_label,regex', [V, STR, STR, STR, STR], V, 'Sets dst_label to replacement when regex matches the value of src_label.'),
  fn('last_over_time', 'range_v', [M], V, 'The most recent point of each series in the interval.'),
  fn('ln', 'v', [V], V, 'Natural logarithm of every sample.'),
  fn('log10', 'v', [V], V, 'Decimal logarithm of every sample.'),
  fn('log2', 'v', [V], V, 'Binary logarithm of every sample.'),
  fn('mad_over_time', 'range_v', [M], V, 'Median absolute deviation of all points in the interval.', 0, true),
  fn('max_over_time', 'range_v', [M], V, over('maximum value')),
  fn('min_over_time', 'range_v', [M], V, over('minimum value')),
  fn('minute', 'v=vector(time())', [V], V, 'Minute of the hour (0-59) of each timestamp (UTC).', 1),
  fn('month', 'v=vector(time())', [V], V, 'Month of the year (1-12) of each timestamp (UTC).', 1),
  fn('pi', '', [], S, 'The number π.'),
  fn('predict_linear', 'range_v,t', [M, S], V, 'Predicted value of each gauge series t seconds from now, by linear regression.'),
  fn('present_over_time', 'range_v', [M], V, 'The value 1 for any series with a point in the interval.'),
  fn('quantile_over_time', 'φ,range_v', [S, M], V, 'The φ-quantile (0 ≤ φ ≤ 1) of the values in the interval.'),
  fn('rad', 'v', [V], V, 'Converts degrees to radians.'),
  fn('range', '', [], S, 'Duration of the range query, in seconds.', 0, true),
  fn('rate', 'range_v', [M], V, 'Per-second average rate of increase of each counter over the range, adjusted for resets.'),
  fn('resets', 'range_v', [M], V, 'Number of counter resets within the range.'),
  fn('round', 'v,to_nearest=1', [V, S], V, 'Rounds every sample to the nearest multiple of to_nearest.', 1),
  fn('scalar', 'v', [V], S, 'The sample value of a single-element vector as a scalar (NaN otherwise).'),
  fn('sgn', 'v', [V], V, 'Sign of every sample: 1, -1 or 0.'),
  fn('sin', 'v', [V], V, 'Sine of every sample.'),
  fn('sinh', 'v', [V], V, 'Hyperbolic sine of every sample.'),
  fn('sort', 'v', [V], V, 'Sorts by sample value, ascending (instant queries only).'),
  fn('sort_by_label', 'v,label', [V, STR], V, 'Sorts by the values of the given labels, ascending.', -1, true),
  fn('sort_by_label_desc', 'v,label', [V, STR], V, 'Sorts by the values of the given labels, descending.', -1, true),
  fn('sort_desc', 'v', [V], V, 'Sorts by sample value, descending (instant queries only).'),
  fn('sqrt', 'v', [V], V, 'Square root of every sample.'),
  fn('start', '', [], S, 'Start time of the range query evaluation, in seconds.', 0, true),
  fn('stddev_over_time', 'range_v', [M], V, over('population standard deviation')),
  fn('stdvar_over_time', 'range_v', [M], V, over('population standard variance')),
  fn('step', '', [], S, 'Step of the range query, in seconds.', 0, true),
  fn('sum_over_time', 'range_v', [M], V, over('sum')),
  fn('tan', 'v', [V], V, 'Tangent of every sample.'),
  fn('tanh', 'v', [V], V, 'Hyperbolic tangent of every sample.'),
  fn('time', '', [], S, 'Seconds since 1970-01-01 UTC at the evaluation time.'),
  fn('timestamp', 'v', [V], V, 'Timestamp of each sample, in seconds since 1970-01-01 UTC.'),
  fn('ts_of_first_over_time', 'range_v', [M], V, 'Timestamp of the oldest point in the interval.', 0, true),
  fn('ts_of_last_over_time', 'range_v', [M], V, 'Timestamp of the most recent point in the interval.', 0, true),
  fn('ts_of_max_over_time', 'range_v', [M], V, 'Timestamp of the maximum value in the interval.', 0, true),
  fn('ts_of_min_over_time', 'range_v', [M], V, 'Timestamp of the minimum value in the interval.', 0, true),
  fn('vector', 's', [S], V, 'The scalar as a vector with no labels.'),
  fn('year', 'v=vector(time())', [V], V, 'Year of each timestamp (UTC).', 1),
];

export interface AggregationSig {
  name: string;
  /** Type of the parameter before the vector, when the operator takes one. */
  param?: ValueType;
  paramName?: string;
  doc: string;
}

export const AGGREGATIONS: readonly AggregationSig[] = [
  { name: 'sum', doc: 'Sum over dimensions.' },
  { name: 'min', doc: 'Minimum over dimensions.' },
  { name: 'max', doc: 'Maximum over dimensions.' },
  { name: 'avg', doc: 'Average over dimensions.' },
  { name: 'group', doc: 'All values in the resulting vector are 1.' },
  { name: 'stddev', doc: 'Population standard deviation over dimensions.' },
  { name: 'stdvar', doc: 'Population standard variance over dimensions.' },
  { name: 'count', doc: 'Count of elements in the vector.' },
  { name: 'count_values', param: 'string', paramName: 'label', doc: 'Count of elements with the same value; the value goes into label.' },
  { name: 'bottomk', param: 'scalar', paramName: 'k', doc: 'Smallest k elements by sample value.' },
  { name: 'topk', param: 'scalar', paramName: 'k', doc: 'Largest k elements by sample value.' },
  { name: 'quantile', param: 'scalar', paramName: 'φ', doc: 'φ-quantile (0 ≤ φ ≤ 1) over dimensions.' },
  { name: 'limitk', param: 'scalar', paramName: 'k', doc: 'Sample k elements (experimental).' },
  { name: 'limit_ratio', param: 'scalar', paramName: 'ratio', doc: 'Sample a pseudo-random ratio of elements (experimental).' },
];

/** Names Prometheus removed or renamed, with what to write instead. */
export const RENAMED_FUNCTIONS: Readonly<Record<string, string>> = {
  holt_winters: 'double_exponential_smoothing',
};

export const PROMQL_KEYWORDS: readonly string[] = [
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless',
  'atan2', 'inf', 'nan', 'start', 'end', 'for', 'fill', 'fill_left', 'fill_right', 'smoothed', 'anchored',
];

const byName = new Map(FUNCTIONS.map((f) => [f.name, f]));
const aggByName = new Map(AGGREGATIONS.map((a) => [a.name, a]));

export function functionSig(name: string): FunctionSig | undefined { return byName.get(name); }
export function aggregationSig(name: string): AggregationSig | undefined { return aggByName.get(name); }

export function typeName(t: ValueType): string {
  return t === 'vector' ? 'instant vector' : t === 'matrix' ? 'range vector' : t;
}

export function signatureText(f: FunctionSig): string {
  const params = f.params.map((p, i) => `${p}: ${typeName(f.args[i] ?? f.args[f.args.length - 1])}`);
  const rest = f.variadic !== 0 ? (f.variadic === -1 || f.variadic > 1 ? ', ...' : '') : '';
  const optional = f.variadic === 1 && params.length ? params.slice(0, -1).concat(`[${params[params.length - 1]}]`) : params;
  return `${f.name}(${optional.join(', ')}${rest}) → ${typeName(f.returns)}`;
}

export function aggregationSignatureText(a: AggregationSig): string {
  const p = a.param ? `${a.paramName}: ${typeName(a.param)}, ` : '';
  return `${a.name} [by|without (labels)] (${p}v: instant vector) → instant vector`;
}
