using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Verdicts;

namespace Probe.Storage.Store;

/// <summary>
/// The result store on SQLite. One connection, serialized by a gate; appends that cannot be written (full or read-only
/// location) wait in a bounded memory backlog and are written with the next successful append.
/// </summary>
internal sealed class SqliteResultStore : IResultStore, IDisposable
{
    private const int BacklogLimit = 100_000;
    private const int ExportPageSize = 5000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryBacklog _backlog = new(BacklogLimit);
    private readonly RowEncoder _encoder;
    private readonly StoreOpener _opener;
    private readonly IProbeClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteResultStore> _logger;
    private readonly string _path;
    private readonly long _maxBytes;
    private readonly long _holdMs;
    private StoreSession? _session;
    private bool _failing;

    public SqliteResultStore(IOptions<ProbeOptions> options, IProbeClock clock, TimeProvider time, ILogger<SqliteResultStore> logger)
    {
        var probe = options.Value;
        _path = probe.Store.Path;
        _maxBytes = probe.Store.MaxBytes;
        _holdMs = (long)probe.Store.UnsyncedHoldLimit.TotalMilliseconds;
        _encoder = new RowEncoder(probe);
        _opener = new StoreOpener(_path, _encoder, time, logger);
        _clock = clock;
        _time = time;
        _logger = logger;
    }

    public Task AppendResultsAsync(IReadOnlyList<CheckResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return AppendAsync(results.Select(_encoder.Encode).ToList(), cancellationToken);
    }

    public Task AppendVerdictAsync(VerdictChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return AppendAsync([_encoder.Encode(change)], cancellationToken);
    }

    public Task AppendHealthAsync(HealthSample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return AppendAsync([_encoder.Encode(sample)], cancellationToken);
    }

    public Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, CancellationToken cancellationToken) =>
        ReadPendingAsync(max, System.Collections.Frozen.FrozenSet<long>.Empty, cancellationToken);

    public async Task ReleaseUnsyncedAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TryWriteBacklog();
            var reading = _clock.Read();
            Use(session => session.InTransaction(transaction => UnsyncedRelease.Release(session, transaction, reading, _holdMs, max)));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, IReadOnlySet<long> inFlight, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentNullException.ThrowIfNull(inFlight);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Use(
                session => session.InTransaction(transaction =>
                    (IReadOnlyList<PendingPoint>)session.Reader.ReadyToSend(transaction, max, inFlight).Select(row => session.Reader.ToPoint(transaction, row)).ToList()),
                writes: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task MarkDeliveredAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return SettleAsync(ids, RowStatus.Delivered, null, cancellationToken);
    }

    public Task SetAsideAsync(IReadOnlyList<long> ids, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(reason);
        return SettleAsync(ids, RowStatus.SetAside, reason, cancellationToken);
    }

    public async IAsyncEnumerable<PendingPoint> ReadPointsAsync(DateTimeOffset? since, bool pendingOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sinceMs = since?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var afterId = 0L;
        while (true)
        {
            // The gate is held per page, not across the caller's work, so the daemon keeps appending during an export.
            List<PendingPoint> page;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                page = Use(
                    session => session.InTransaction(transaction =>
                        session.Reader.Page(transaction, afterId, sinceMs, pendingOnly, ExportPageSize).Select(row => session.Reader.ToPoint(transaction, row)).ToList()),
                    writes: false);
            }
            finally
            {
                _gate.Release();
            }

            foreach (var point in page)
            {
                yield return point;
            }

            if (page.Count < ExportPageSize)
            {
                yield break;
            }

            afterId = page[^1].Id;
        }
    }

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Use(session => session.InTransaction(transaction => session.Reader.Status(transaction, _backlog.Count, _backlog.Dropped)), writes: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
        _gate.Dispose();
    }

    private async Task AppendAsync(List<NewRow> rows, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _backlog.Add(rows);
            if (TryWriteBacklog())
            {
                ApplySizeBound();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes everything appended so far in one transaction; on failure keeps it (bounded) for the next try. Never throws for storage trouble.</summary>
    private bool TryWriteBacklog()
    {
        if (_backlog.Count == 0)
        {
            return true;
        }

        try
        {
            var dropped = _backlog.Dropped;
            Use(session => session.InTransaction(transaction =>
            {
                session.Writer.Write(transaction, _backlog.Rows);
                StoreMeta.Add(session.Connection, transaction, StoreMeta.DroppedTotal, dropped);
                return 0;
            }));
            if (_failing)
            {
                Log.BacklogWritten(_logger, _backlog.Count);
                _failing = false;
            }

            _backlog.Written();
            return true;
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            Log.Unavailable(_logger, _path, _backlog.Count, e);
            _failing = true;
            if (_backlog.Trim() is > 0 and var trimmed)
            {
                Log.BacklogDropped(_logger, trimmed);
            }

            return false;
        }
    }

    private void ApplySizeBound()
    {
        try
        {
            var (deleted, dropped) = Use(session => SizeBound.Enforce(session.Connection, _maxBytes));
            if (deleted > 0)
            {
                Log.SizeBoundApplied(_logger, _maxBytes, deleted, dropped);
            }
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            Log.SizeBoundFailed(_logger, e);
        }
    }

    private async Task SettleAsync(IReadOnlyList<long> ids, RowStatus to, string? reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var settled = Use(session => session.InTransaction(transaction => Delivery.Settle(session.Connection, transaction, ids, to, reason, nowMs)));
            if (reason is not null && settled > 0)
            {
                Log.SetAside(_logger, settled, reason);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs against the open session; a file found damaged now is quarantined and the work done once more on a fresh one.
    /// Work that <paramref name="writes"/> runs only on a file that passed the quick check (done once per open).
    /// </summary>
    private T Use<T>(Func<StoreSession, T> work, bool writes = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            _session ??= _opener.Open(check: writes);
            try
            {
                if (writes)
                {
                    _session.EnsureChecked();
                }

                return work(_session);
            }
            catch (SqliteException e) when (StoreFile.IsCorruption(e) && attempt == 0)
            {
                _session.Dispose();
                _session = null;
                _opener.Quarantine(e.Message);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is not (5 or 6 or 13))
            {
                // I/O, read-only, corrupt again: reopen next time rather than keep a connection in an unknown state.
                _session.Dispose();
                _session = null;
                throw;
            }
        }
    }

    private static bool IsStorageTrouble(Exception e) =>
        e is SqliteException or StoreUnavailableException or IOException or UnauthorizedAccessException;
}
