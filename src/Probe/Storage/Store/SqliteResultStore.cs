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
/// location) wait in a bounded memory backlog and are written with the next successful append. With a
/// <see cref="StoreStage"/> (the daemon's), appends are committed on the stage and moved to the card in one transaction
/// per move interval, at once with a state change, and on dispose (PROBE.md §5); readers see the card.
/// </summary>
internal sealed partial class SqliteResultStore : IResultStore, IDisposable
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
    private readonly CardMoves? _moves;
    private readonly TimeSpan _moveInterval;
    private readonly int _stageRowLimit;
    private StoreSession? _session;
    private Stage? _stage;
    private DateTimeOffset? _lastMove;
    private bool _failing;

    public SqliteResultStore(
        IOptions<ProbeOptions> options, IProbeClock clock, TimeProvider time, ILogger<SqliteResultStore> logger, StoreStage? stage = null, CardMoves? moves = null)
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
        _moves = moves;
        if (stage is not null)
        {
            _stage = new Stage(stage.Path);
            _moveInterval = stage.MoveInterval;
            _stageRowLimit = stage.RowLimit;
            Log.Staging(logger, stage.Path, stage.MoveInterval);
        }
    }

    public Task AppendResultsAsync(IReadOnlyList<CheckResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return AppendAsync(results.Select(_encoder.Encode).ToList(), cancellationToken);
    }

    public Task AppendVerdictAsync(VerdictChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return AppendAsync([_encoder.Encode(change)], cancellationToken, moveNow: true);
    }

    public Task AppendHealthAsync(HealthSample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return AppendAsync([_encoder.Encode(sample)], cancellationToken);
    }

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

    public void Dispose()
    {
        if (_stage is not null)
        {
            // A clean stop leaves nothing on the stage.
            _gate.Wait();
            try
            {
                MoveStage();
                _stage.Dispose();
                _stage = null;
            }
            finally
            {
                _gate.Release();
            }
        }

        _session?.Dispose();
        _session = null;
        _gate.Dispose();
    }

    private async Task AppendAsync(List<NewRow> rows, CancellationToken cancellationToken, bool moveNow = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryStage(rows))
            {
                if (moveNow || _lastMove is null || _time.GetUtcNow() - _lastMove >= _moveInterval)
                {
                    MoveStage();
                }

                return;
            }

            _backlog.Add(rows);
            if (TryWriteBacklog())
            {
                ApplySizeBound();

                // With a broken stage every write is a move to the card: the upload, waiting for moves, hears of it the same way.
                _moves?.Moved();
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
