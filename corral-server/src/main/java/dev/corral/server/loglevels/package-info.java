/**
 * Runtime log levels: the components users know ({@code store}, {@code wal}, {@code http}, …) mapped
 * to the loggers of the code behind them ({@link dev.corral.server.loglevels.LogComponent}), their
 * levels read and changed through logback ({@link dev.corral.server.loglevels.LogLevels}), and the
 * admin API {@code /api/v1/admin/loglevels} ({@link dev.corral.server.loglevels.LogLevelsService}).
 * A change lasts until it is reset or the server restarts: it is not written anywhere.
 */
package dev.corral.server.loglevels;
