using Probe.Configuration;

namespace Probe.Checks;

/// <summary>Checks the resolvers: distinct tag-safe names, readable addresses, and at least one that is not only a reference.</summary>
internal static class ResolverOptionsValidator
{
    private const string Key = "Probe:Resolvers";

    public static void Validate(List<ResolverOptions> resolvers, ProblemList problems)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < resolvers.Count; i++)
        {
            var r = resolvers[i];
            if (!OptionRules.TagSafe().IsMatch(r.Name))
            {
                problems.Add($"{Key}:{i}:Name", Localization.Text.Format("config.resolver.name", r.Name));
            }
            else if (!seen.TryAdd(r.Name, i))
            {
                problems.Add($"{Key}:{i}:Name", Localization.Text.Format("config.resolver.duplicate", r.Name, $"{Key}:{seen[r.Name]}"));
            }

            if (!r.Address.Equals("system", StringComparison.OrdinalIgnoreCase) && !NetworkText.TryParseResolver(r.Address, out _))
            {
                problems.Add($"{Key}:{i}:Address", Localization.Text.Format("config.resolver.address", r.Address));
            }
        }

        if (resolvers.TrueForAll(r => r.Reference))
        {
            problems.Add(Key, Localization.Text.Get("config.resolver.allreference"));
        }
    }
}
