using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Probe.Configuration;

/// <summary>Binds the "Probe" section once <see cref="ConfigurationShape"/> has proven every key and value fits.</summary>
internal static class OptionsBinding
{
    public static ProbeOptions Bind(IConfiguration configuration)
    {
        // Rebuild a flat copy so that two JSON habits bind like everything else: an empty value
        // (null, "", []) means "keep the default", and a Files entry may be a bare path string.
        var flat = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var section = configuration.GetSection(ProbeOptions.Section);
        foreach (var (key, value) in section.AsEnumerable())
        {
            if (!string.IsNullOrEmpty(value))
            {
                flat[IsBareFileEntry(key) ? key + ":Path" : key] = value;
            }
        }

        var options = new ProbeOptions();
        new ConfigurationBuilder().AddInMemoryCollection(flat).Build()
            .GetSection(ProbeOptions.Section)
            .Bind(options);
        return options;
    }

    private static bool IsBareFileEntry(string key)
    {
        var parts = key.Split(':');
        return parts.Length == 4
            && parts[1].Equals("Targets", StringComparison.OrdinalIgnoreCase)
            && parts[2].Equals("Files", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
