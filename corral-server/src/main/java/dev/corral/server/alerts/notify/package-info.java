/**
 * Alert channels: the {@link dev.corral.server.alerts.Notifier} of alerting. {@code channels.yaml} (in
 * {@code alerts.dir}) names the channels an admin configured — webhook, Slack, PagerDuty, email, Alertmanager —
 * and is reloaded when it changes ({@link ChannelsFile}); each channel has its own bounded queue, delivery
 * thread, retries with backoff, rate limit with grouping and delivery log ({@link ChannelWorker}).
 * Outbound calls go only to the URLs and hosts of that file, never to anything a notification carries.
 * docs/alerting-channels.md documents every channel and the exact payload it sends.
 */
package dev.corral.server.alerts.notify;
