using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Budget;
using Probe.Clock;
using Probe.Configuration;

namespace Probe.Hosting;

/// <summary>The daemon's budget: the day's account, what each lane's passes cost as measured, and the plan the lanes follow.</summary>
internal sealed class BudgetKeeper
{
    private readonly Lock _gate = new();
    private readonly TrafficMeter _meter;
    private readonly IProbeClock _clock;
    private readonly ILogger<BudgetKeeper> _logger;
    private readonly DailyAccount _account;
    private readonly LaneLimits _limits;
    private LaneCosts _costs;

    public BudgetKeeper(TrafficMeter meter, IProbeClock clock, IOptions<ProbeOptions> options, ILogger<BudgetKeeper> logger)
    {
        _meter = meter;
        _clock = clock;
        _logger = logger;
        var settings = options.Value;
        DailyBytes = settings.Budget.DailyBytes;
        AccountPath = AccountFile.PathFor(settings.Store.Path);
        // Guesses sized for the default catalog (6 sentinels, 38 watched, 58 targets): the first measured passes replace
        // them. The target list is not read here: its failures belong to the lanes, which log them and go on.
        _costs = LaneCosts.Estimate(6, 38, 58);
        _limits = LaneLimits.For(settings.Schedule.SentinelInterval, settings.Schedule.RoundInterval, settings.Schedule.WatchInterval);
        var saved = AccountFile.Read(AccountPath);
        _account = new DailyAccount(saved, clock.Read(), meter.Total, DiskWrites.Read() ?? 0);
        Log.BudgetAccountOpened(logger, _account.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _account.TrafficBytes, DailyBytes);
    }

    public long DailyBytes { get; }

    public string AccountPath { get; }

    public TrafficMeter Meter => _meter;

    /// <summary>When the last round of the whole catalog started, from the saved account.</summary>
    public DateTimeOffset? LastCoverage
    {
        get
        {
            lock (_gate)
            {
                return _account.LastCoverage;
            }
        }
    }

    /// <summary>The plan for now, from the account brought up to date.</summary>
    public LanePlan Plan()
    {
        lock (_gate)
        {
            Refresh();
            return LanePlanner.Plan(DailyBytes, _account.TrafficBytes, _account.ElapsedInDay, SinceCoverage(), CostsWithUpload(), _limits);
        }
    }

    /// <summary>A pass was measured: a lane's own pass moves that lane's cost, and so the plan (<see cref="LaneCosts.After"/>).</summary>
    /// <param name="round">The round's kind; null for a sentinel pass.</param>
    /// <param name="bytes">What the pass spent.</param>
    /// <param name="linkCut">The round started while a committed cut lasted (VerdictTracker.LinkCut).</param>
    public void Measured(RoundKind? round, long bytes, bool linkCut = false)
    {
        lock (_gate)
        {
            _costs = _costs.After(round, bytes, linkCut);
        }
    }

    public void CoverageStarted(DateTimeOffset at)
    {
        lock (_gate)
        {
            _account.LastCoverage = at;
        }
    }

    /// <summary>Saves the account (the caller's rhythm: every AccountSaveInterval and at stop); a failed write is logged.</summary>
    public AccountState Save()
    {
        AccountState state;
        lock (_gate)
        {
            Refresh();
            var costs = CostsWithUpload();
            var plan = LanePlanner.Plan(DailyBytes, _account.TrafficBytes, _account.ElapsedInDay, SinceCoverage(), costs, _limits);
            state = _account.Snapshot(_clock.Read(), DailyBytes, _account.Projection(plan.Rate(costs)));
        }

        try
        {
            AccountFile.Write(AccountPath, state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.BudgetAccountNotSaved(_logger, AccountPath, e);
        }

        return state;
    }

    /// <summary>Time since the last coverage round started, on the account's clock (null when none is known).</summary>
    private TimeSpan? SinceCoverage() => _account.LastCoverage is { } last ? _account.Now - last : null;

    private void Refresh() => _account.Update(_clock.Read(), _meter.Total, DiskWrites.Read() ?? 0);

    /// <summary>The upload's share is measured once the checks have spent enough to tell (100 kB).</summary>
    private LaneCosts CostsWithUpload() => _meter.Checks < 100_000
        ? _costs
        : _costs with { UploadShare = Math.Clamp(_meter.Upload / (double)_meter.Checks, 0.02, 1) };
}
