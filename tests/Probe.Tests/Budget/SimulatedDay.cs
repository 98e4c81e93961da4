using Microsoft.Extensions.Time.Testing;
using Probe.Budget;

namespace Probe.Tests.Budget;

/// <summary>
/// A day of the lanes as the daemon runs them, on a fake clock: the sentinel lane at the plan's interval with an immediate
/// confirmation after a change, the round agenda with its bucket, costs as metered, the plan recomputed after each pass
/// (with the time since the last coverage round, as BudgetKeeper gives it from the account).
/// An international cut (packets dropped: a failing pass takes the 8 s timeout) at 06:00:03 for an hour, a platform
/// block at 14:00:05 (TLS dropped), and a flapping link (picture changing every 30 s, cut and back: every other change
/// ends a committed cut and asks for a recovery round) in the given hour. Online is committed after the cut by the
/// first round that starts once the sentinels saw the link back (VerdictTracker: the sentinels confirm the end).
/// </summary>
internal sealed record SimulatedDay(
    long Spent,
    TimeSpan LongestCoverageGap,
    TimeSpan LongestWatchGap,
    TimeSpan LongestSentinelGap,
    TimeSpan CutCommittedWithin,
    TimeSpan BlockCommittedWithin,
    TimeSpan OnlineCommittedAfterLift,
    int EscalationsInFlappingHour,
    int RecoveriesInFlappingHour)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    public static SimulatedDay Run(long budget, LaneCosts costs, LaneLimits limits, (TimeSpan From, TimeSpan To) flapping)
    {
        var midnight = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(midnight);
        var agenda = new RoundAgenda(new EscalationBucket(3, TimeSpan.FromMinutes(20), TimeSpan.Zero), new EscalationBucket(3, limits.Watch, TimeSpan.Zero), 0.1, new Random(7));
        var cut = (From: TimeSpan.FromHours(6) + TimeSpan.FromSeconds(3), To: TimeSpan.FromHours(7));
        var block = TimeSpan.FromHours(14) + TimeSpan.FromSeconds(5);
        double spent = 0;
        var nextSentinel = TimeSpan.Zero;
        DateTimeOffset? confirmation = null;
        var triggered = false;
        var lastCoverage = TimeSpan.Zero;
        var coverages = 0;
        var lastWatch = TimeSpan.Zero;
        var lastSentinel = TimeSpan.Zero;
        TimeSpan coverageGap = TimeSpan.Zero, watchGap = TimeSpan.Zero, sentinelGap = TimeSpan.Zero;
        TimeSpan? cutSeen = null, cutCommitted = null, blockSeen = null, blockCommitted = null;
        var flapEscalations = 0;
        var flapRecoveries = 0;
        TimeSpan? liftSeen = null, onlineCommitted = null;
        var flapDown = false;
        var recovering = false;
        var sentinelConfirm = false;
        var plan = LanePlanner.Plan(budget, 0, TimeSpan.Zero, null, costs, limits);
        while (time.GetUtcNow() - midnight < LanePlanner.Day)
        {
            var now = time.GetUtcNow() - midnight;
            // As the daemon's round loop: the plan is read before every step, and the agenda follows a changed plan.
            var next = LanePlanner.Plan(budget, (long)spent, now, coverages == 0 ? null : now - lastCoverage, costs, limits);
            if (next != plan)
            {
                agenda.Replanned(plan, next);
                plan = next;
            }

            var inCut = now >= cut.From && now < cut.To;
            var flap = now >= flapping.From && now < flapping.To;
            var (kind, due) = agenda.Next(plan, time.GetUtcNow(), now, triggered, confirmation, recovering);
            if (triggered && kind is not (RoundKind.Triggered or RoundKind.Recovery))
            {
                triggered = false;
            }

            if (nextSentinel <= now)
            {
                sentinelGap = Max(sentinelGap, now - lastSentinel);
                lastSentinel = now;
                var failing = inCut;
                spent += (sentinelConfirm ? 1.5 : 1) * costs.SentinelPass * (failing ? 1.5 : 1) * (1 + costs.UploadShare);
                var took = failing ? Timeout : TimeSpan.FromSeconds(1);
                if (inCut && cutSeen is null)
                {
                    cutSeen = now;
                }
                else if (inCut && cutCommitted is null && sentinelConfirm)
                {
                    cutCommitted = now + took - cut.From;
                }

                var lifted = !inCut && cutCommitted is not null && liftSeen is null;
                if (lifted)
                {
                    liftSeen = now;
                    recovering = true;
                }

                var flapped = flap && now.TotalSeconds % 30 < 10;
                if (flapped && !sentinelConfirm)
                {
                    flapDown = !flapDown;
                    recovering = !flapDown;
                }

                var changed = (inCut && cutSeen == now) || lifted || flapped;
                triggered |= changed && !sentinelConfirm;
                sentinelConfirm = changed && !sentinelConfirm;
                nextSentinel = sentinelConfirm ? now + took : lastSentinel + plan.SentinelInterval;
                time.Advance(TimeSpan.FromMilliseconds(1));
                continue;
            }

            if (due - midnight <= now)
            {
                agenda.Started(kind, plan, time.GetUtcNow(), now);
                var cost = kind == RoundKind.Coverage ? costs.CoverageRound : costs.WatchPass;
                spent += cost * (1 + costs.UploadShare) * (inCut ? 0.3 : 1);
                if (kind == RoundKind.Coverage)
                {
                    coverageGap = Max(coverageGap, now - lastCoverage);
                    lastCoverage = now;
                    coverages++;
                }

                if (kind is RoundKind.Coverage or RoundKind.Watch or RoundKind.Recovery)
                {
                    watchGap = Max(watchGap, now - lastWatch);
                    lastWatch = now;
                }

                if (kind is RoundKind.Confirmation or RoundKind.Triggered && flap)
                {
                    flapEscalations++;
                }

                if (kind is RoundKind.Recovery && flap)
                {
                    flapRecoveries++;
                }

                var blocked = now >= block;
                var took = blocked ? Timeout + TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
                if (blocked && blockSeen is null)
                {
                    blockSeen = now;
                    confirmation = time.GetUtcNow() + took + limits.Sentinel;
                }
                else if (blocked && blockCommitted is null)
                {
                    blockCommitted = now + took - block;
                    confirmation = null;
                }
                else if (kind == RoundKind.Confirmation)
                {
                    confirmation = null;
                }

                if (flap && kind != RoundKind.Confirmation && confirmation is null)
                {
                    confirmation = time.GetUtcNow() + took + limits.Sentinel;
                }

                if (recovering && liftSeen is not null && onlineCommitted is null && !flap)
                {
                    onlineCommitted = now + took - cut.To;
                }

                recovering = false;
                triggered = false;
                time.Advance(took);
                continue;
            }

            var wake = Min(nextSentinel, due - midnight) - now;
            time.Advance(wake > TimeSpan.Zero ? wake : TimeSpan.FromMilliseconds(1));
        }

        return new SimulatedDay((long)spent, Max(coverageGap, LanePlanner.Day - lastCoverage), watchGap, sentinelGap,
            cutCommitted ?? TimeSpan.MaxValue, blockCommitted ?? TimeSpan.MaxValue, onlineCommitted ?? TimeSpan.MaxValue, flapEscalations, flapRecoveries);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
