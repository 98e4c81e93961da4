namespace Probe.Report;

/// <summary>Counts check rows into the incidents they fall in and into the timelines' slots; pure, fed one row at a time.</summary>
internal sealed class EvidenceTally
{
    public const int Slots = 160;

    private readonly Dictionary<string, List<(IncidentSpan Span, Counter Counter, LeadUp LeadUp)>> _byProbe = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long From, long To, Dictionary<(string Name, bool Platform), SlotCount[]> Strips)> _timelines = new(StringComparer.Ordinal);

    public EvidenceTally(IReadOnlyList<IncidentSpan> spans, IReadOnlyList<ProbeInfo> probes)
    {
        foreach (var span in spans)
        {
            if (!_byProbe.TryGetValue(span.Probe, out var list))
            {
                _byProbe[span.Probe] = list = [];
            }

            list.Add((span, new Counter(), new LeadUp(span)));
        }

        foreach (var probe in probes)
        {
            _timelines[probe.Id] = (probe.FromMs, probe.ToMs, []);
        }
    }

    public void Add(ReportRow check)
    {
        var probe = check.Tag("probe") ?? "";
        var ok = check.Flag("ok") ?? false;
        if (_byProbe.TryGetValue(probe, out var list))
        {
            foreach (var (span, counter, leadUp) in list)
            {
                if (span.Holds(check.TimestampMs))
                {
                    counter.Add(check, ok);
                }
                else
                {
                    leadUp.Add(check, ok);
                }
            }
        }

        if (_timelines.TryGetValue(probe, out var timeline) && check.TimestampMs >= timeline.From && check.TimestampMs <= timeline.To
            && (check.Tag("platform") is { } platform ? (platform, true) : check.Tag("group") is { } group and not "platform" ? (group, false) : default) is { Item1: not null } key)
        {
            if (!timeline.Strips.TryGetValue(key, out var slots))
            {
                timeline.Strips[key] = slots = new SlotCount[Slots];
            }

            var width = Math.Max(1, timeline.To - timeline.From);
            var at = (int)Math.Min(Slots - 1, (check.TimestampMs - timeline.From) * Slots / width);
            slots[at] = ok ? slots[at] with { Ok = slots[at].Ok + 1 } : slots[at] with { Failed = slots[at].Failed + 1 };
        }
    }

    public IReadOnlyList<Incident> Incidents() =>
        _byProbe.Values.SelectMany(l => l).Select(e => e.Counter.ToIncident(e.Span, e.LeadUp)).OrderBy(i => i.Probe, StringComparer.Ordinal).ThenBy(i => i.StartMs).ToList();

    public IReadOnlyList<ReachabilityStrip> Strips(string probe) =>
        _timelines.TryGetValue(probe, out var timeline)
            ? timeline.Strips.OrderBy(s => s.Key.Platform).ThenBy(s => GroupOrder(s.Key.Name)).ThenBy(s => s.Key.Name, StringComparer.Ordinal)
                .Select(s => new ReachabilityStrip(s.Key.Name, s.Key.Platform, s.Value)).ToList()
            : [];

    private static int GroupOrder(string name) => name switch { "national" => 0, "international" => 1, _ => 2 };

    private sealed class Counter
    {
        private static readonly string[] KindOrder = ["dns", "tcp", "tls", "http", "throughput"];
        private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (long Checks, long Failed)> _groups = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (long Checks, long Failed, Dictionary<string, long> Kinds)> _platforms = new(StringComparer.Ordinal);
        private long _checks;
        private long _failed;
        private ClockCounts _clock = ClockCounts.None;

        public void Add(ReportRow check, bool ok)
        {
            _checks++;
            _clock = _clock.Add(check.Tag("clock"));
            if (!ok)
            {
                _failed++;
                var failure = check.Tag("failure") ?? "unknown_failure";
                _failures[failure] = _failures.GetValueOrDefault(failure) + 1;
            }

            if (check.Tag("group") is { } group)
            {
                var g = _groups.GetValueOrDefault(group);
                _groups[group] = (g.Checks + 1, g.Failed + (ok ? 0 : 1));
            }

            if (check.Tag("platform") is { } platform)
            {
                if (!_platforms.TryGetValue(platform, out var p))
                {
                    p = (0, 0, new Dictionary<string, long>(StringComparer.Ordinal));
                }

                if (!ok && check.Tag("kind") is { } kind)
                {
                    p.Kinds[kind] = p.Kinds.GetValueOrDefault(kind) + 1;
                }

                _platforms[platform] = (p.Checks + 1, p.Failed + (ok ? 0 : 1), p.Kinds);
            }
        }

        public Incident ToIncident(IncidentSpan span, LeadUp leadUp)
        {
            foreach (var (row, ok) in leadUp.Rows)
            {
                Add(row, ok);
            }

            var clock = span.Verdicts.Aggregate(_clock, (c, v) => c.Add(v.Clock));
            var findings = span.Verdicts.SelectMany(v => v.Findings).Where(f => f.State is not ("online" or "unknown")).ToList();
            var platforms = findings.Where(f => f.Platform is not null)
                .Select(f => new PlatformHow(f.Platform!, f.How ?? "unknown")).DistinctBy(p => p.Platform).ToList();
            // A cut names no platform in its findings: the platforms whose checks mostly failed meanwhile are affected too.
            foreach (var (name, (checks, failed, kinds)) in _platforms.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (platforms.All(p => p.Platform != name) && failed * 2 > checks)
                {
                    platforms.Add(new PlatformHow(name, kinds.Count == 0 ? "unknown" : FirstFailingKind(kinds)));
                }
            }

            var groups = new SortedSet<string>(ImpliedGroups(span.State), StringComparer.Ordinal);
            foreach (var (group, (checks, failed)) in _groups)
            {
                if (failed * 2 > checks)
                {
                    groups.Add(group);
                }
            }

            foreach (var f in findings)
            {
                if (f.Group is { } g)
                {
                    groups.Add(g);
                }

                if (f.Platform is not null)
                {
                    groups.Add("platform");
                }
            }

            return new Incident(span.Probe, span.State, span.StartMs, span.EndMs, span.LastSeenMs, platforms, [.. groups],
                new Evidence(_checks, _failed, _failures.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).ToDictionary(), clock, leadUp.OnsetMs ?? span.StartMs));
        }

        // The kind that fails first in a connection's life tells how it was blocked: dns before tcp before tls before http.
        private static string FirstFailingKind(Dictionary<string, long> kinds) =>
            KindOrder.FirstOrDefault(kinds.ContainsKey) ?? kinds.Keys.First();

        private static string[] ImpliedGroups(string state) => state switch
        {
            "full_shutdown" => ["international", "national", "platform"],
            "international_cut" => ["international", "platform"],
            "platform_block" => ["platform"],
            _ => [],
        };
    }
}
