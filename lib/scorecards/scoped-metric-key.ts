/**
 * The key a metric value is looked up by in `MetricValues`: the metric key alone for
 * all channels, `metricKey@scope` for a channel group ("romi@paid"). One function so
 * the data layer that fills the values and the core that reads them cannot disagree.
 */
export function scopedMetricKey(metricKey: string, channelScope?: string | null): string {
  return channelScope ? `${metricKey}@${channelScope}` : metricKey;
}
