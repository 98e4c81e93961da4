using Probe.Configuration;

namespace Probe.Targets;

/// <summary>
/// The effective targets: the default catalog (when <c>UseDefaults</c>), then each file of
/// <c>Targets.Files</c> in order, then <c>Targets.Items</c>. A later source replaces an earlier
/// target of the same name (names compare ignoring case), keeping its place in the list, so a
/// config item named like a default entry overrides it. Item names must be unique among items.
/// When no target is marked sentinel, the first three national and three international ones are.
/// </summary>
public sealed class TargetList
{
    public const string DefaultsSource = DefaultCatalog.Source;
    public const string ConfigSource = "config";
    private const int FallbackSentinelsPerGroup = 3;

    private TargetList(IReadOnlyList<Target> all, IReadOnlyList<(Target Replaced, Target By)> replaced)
    {
        All = all;
        Replacements = replaced;
    }

    /// <summary>Every target, each with its <see cref="Target.Source"/>.</summary>
    public IReadOnlyList<Target> All { get; }

    /// <summary>The targets of the sentinel lane.</summary>
    public IReadOnlyList<Target> Sentinels => [.. All.Where(t => t.Sentinel)];

    /// <summary>Targets dropped because a later source named one the same, with the one that replaced each.</summary>
    public IReadOnlyList<(Target Replaced, Target By)> Replacements { get; }

    /// <summary>Builds the list from validated options; throws <see cref="ConfigurationException"/> on a bad file or item.</summary>
    public static TargetList Load(ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new ProblemList();
        var list = Build(options, problems);
        problems.ThrowIfAny();
        return list;
    }

    internal static TargetList Build(ProbeOptions options, ProblemList problems)
    {
        var all = new List<Target>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var replaced = new List<(Target, Target)>();
        void Add(Target target)
        {
            if (index.TryGetValue(target.Name, out var at))
            {
                replaced.Add((all[at], target));
                all[at] = target;
            }
            else
            {
                index[target.Name] = all.Count;
                all.Add(target);
            }
        }

        var targets = options.Targets;
        if (targets.UseDefaults)
        {
            DefaultCatalog.Load().ForEach(Add);
        }

        for (var i = 0; i < targets.Files.Count; i++)
        {
            CitizenLabList.Read(targets.Files[i], $"Probe:Targets:Files:{i}", problems).ForEach(Add);
        }

        var itemNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < targets.Items.Count; i++)
        {
            var key = $"Probe:Targets:Items:{i}";
            var item = targets.Items[i];
            if (!string.IsNullOrEmpty(item.Name) && !itemNames.TryAdd(item.Name, i))
            {
                problems.Add($"{key}:Name", Localization.Text.Format("config.targets.duplicate", item.Name, $"Probe:Targets:Items:{itemNames[item.Name]}"));
            }
            else if (TargetFactory.FromItem(item, key, ConfigSource, problems) is { } target)
            {
                Add(target);
            }
        }

        if (all.Count == 0 && problems.Count == 0)
        {
            problems.Add("Probe:Targets", Localization.Text.Get("config.targets.none"));
        }

        return new TargetList(WithFallbackSentinels(all), replaced);
    }

    private static List<Target> WithFallbackSentinels(List<Target> all)
    {
        if (all.Exists(t => t.Sentinel))
        {
            return all;
        }

        var chosen = all.Where(t => t.Group == TargetGroup.National).Take(FallbackSentinelsPerGroup)
            .Concat(all.Where(t => t.Group == TargetGroup.International).Take(FallbackSentinelsPerGroup))
            .ToHashSet();
        return [.. all.Select(t => chosen.Contains(t) ? t with { Sentinel = true } : t)];
    }
}
