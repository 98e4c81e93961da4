using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Probe.Targets;

namespace Probe.Configuration;

/// <summary>
/// Walks the raw configuration against the options types before binding, because the binder
/// silently ignores unknown keys (a typo like "Sentinell") and names no key when a value does
/// not convert. Volunteers edit the JSON by hand; every problem must name its key.
/// </summary>
internal static class ConfigurationShape
{
    /// <summary>Top-level sections besides "Probe" that the host itself reads.</summary>
    private static readonly string[] HostSections = ["Logging"];

    public static void Check(IConfiguration root, IReadOnlySet<string> fromEnvironment, ProblemList problems)
    {
        foreach (var section in root.GetChildren())
        {
            if (section.Key.Equals(ProbeOptions.Section, StringComparison.OrdinalIgnoreCase))
            {
                CheckObject(section, typeof(ProbeOptions), ProbeOptions.Section, fromEnvironment, problems);
            }
            else if (!HostSections.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(section.Path, Unknown(section.Path, Localization.Text.Get("config.shape.oneprobe"), fromEnvironment));
            }
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, string key, IReadOnlySet<string> env, ProblemList problems)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        if (scalar == typeof(string) || scalar.IsPrimitive || scalar == typeof(TimeSpan))
        {
            CheckScalar(section, scalar, key, problems);
        }
        else if (scalar.IsGenericType && scalar.GetGenericTypeDefinition() == typeof(List<>))
        {
            CheckList(section, scalar.GetGenericArguments()[0], key, env, problems);
        }
        else
        {
            CheckObject(section, scalar, key, env, problems);
        }
    }

    private static void CheckScalar(IConfigurationSection section, Type type, string key, ProblemList problems)
    {
        if (section.GetChildren().Any())
        {
            problems.Add(key, Localization.Text.Get("config.shape.scalar"));
            return;
        }

        var problem = string.IsNullOrEmpty(section.Value) ? null : ValueProblem(section.Value, type);
        if (problem is not null)
        {
            problems.Add(key, problem);
        }
    }

    private static void CheckList(IConfigurationSection section, Type element, string key, IReadOnlySet<string> env, ProblemList problems)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            if (!string.IsNullOrEmpty(section.Value))
            {
                problems.Add(key, Localization.Text.Format("config.shape.list", section.Value));
            }

            return;
        }

        foreach (var child in children)
        {
            var childKey = $"{key}:{child.Key}";
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problems.Add(childKey, Localization.Text.Get("config.shape.list.object"));
            }
            else if (element == typeof(TargetFileOptions) && child.Value is not null && !child.GetChildren().Any())
            {
                // A Files entry may be a bare path string instead of { "Path": …, "Group": … }.
                continue;
            }
            else
            {
                CheckValue(child, element, childKey, env, problems);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(
        "Trimming",
        "IL2070",
        Justification = "Only the options classes of this assembly are walked, and the probe assembly is not trimmed (TrimMode partial keeps assemblies that are not marked trimmable), so their properties are all there.")]
    private static void CheckObject(IConfigurationSection section, Type type, string key, IReadOnlySet<string> env, ProblemList problems)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
        {
            problems.Add(key, Localization.Text.Format("config.shape.object", section.Value));
            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        foreach (var child in children)
        {
            var property = properties.Find(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var hint = Closest(child.Key, properties.Select(p => p.Name));
                var known = hint is null
                    ? Localization.Text.Get("config.shape.known") + string.Join(", ", properties.Select(p => p.Name))
                    : Localization.Text.Format("config.shape.didyoumean", hint);
                problems.Add($"{key}:{child.Key}", Unknown(child.Path, known, env));
            }
            else
            {
                CheckValue(child, property.PropertyType, $"{key}:{property.Name}", env, problems);
            }
        }
    }

    private static string? ValueProblem(string value, Type type)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) => null,
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _) ? null : Localization.Text.Format("config.value.integer", value),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _) ? null : Localization.Text.Format("config.value.integer", value),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, invariant, out _) ? null : Localization.Text.Format("config.value.number", value),
            _ when type == typeof(bool) => bool.TryParse(value, out _) ? null : Localization.Text.Format("config.value.bool", value),
            _ when type == typeof(TimeSpan) => TimeSpanProblem(value),
            _ => Localization.Text.Format("config.value.type", value, type.Name),
        };
    }

    private static string? TimeSpanProblem(string value)
    {
        // TimeSpan.Parse reads a bare "10" as ten days: demand the hh:mm:ss form a volunteer means.
        var parses = TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _);
        return parses && value.Contains(':', StringComparison.Ordinal)
            ? null
            : Localization.Text.Format("config.value.timespan", value);
    }

    private static string Unknown(string path, string hint, IReadOnlySet<string> env)
    {
        var origin = env.Contains(path) ? Localization.Text.Format("config.shape.fromenv", "PROBE__" + path.Split(':', 2)[^1].Replace(":", "__", StringComparison.Ordinal)) : "";
        return Localization.Text.Format("config.shape.unknown", origin, hint);
    }

    private static string? Closest(string key, IEnumerable<string> names)
    {
        var best = names
            .Select(n => (Name: n, Distance: EditDistance(key.ToUpperInvariant(), n.ToUpperInvariant())))
            .MinBy(c => c.Distance);
        return best.Name is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Name : null;
    }

    /// <summary>Edit distance counting a swap of two neighbours as one edit ("Porst" is one edit from "Ports").</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
