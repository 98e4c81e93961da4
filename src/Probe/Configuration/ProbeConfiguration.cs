using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Probe.Targets;

namespace Probe.Configuration;

/// <summary>The validated configuration of one run: the JSON file, overridden by <c>PROBE__Section__Key</c> variables.</summary>
public sealed class ProbeConfiguration
{
    /// <summary>Where the daemon looks when no --config is given; a missing default file means built-in defaults.</summary>
    public const string DefaultPath = "/etc/probe/probe.json";

    /// <summary>Prefix of the environment variables that override the file (PROBE__Sink__Token → Probe:Sink:Token).</summary>
    public const string EnvironmentPrefix = "PROBE__";

    private ProbeConfiguration(ProbeOptions options, IConfiguration configuration, string? filePath)
    {
        Options = options;
        Configuration = configuration;
        FilePath = filePath;
    }

    /// <summary>The bound, defaulted and validated options; treat as read-only.</summary>
    public ProbeOptions Options { get; }

    /// <summary>The raw configuration (file + environment), e.g. for the host's Logging section.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The JSON file that was read, or null when the built-in defaults are used.</summary>
    public string? FilePath { get; }

    /// <summary>Reads, binds, defaults and validates; throws <see cref="ConfigurationException"/> naming the key and the problem.</summary>
    /// <param name="path">The --config file, or null for <see cref="DefaultPath"/>.</param>
    /// <param name="pathExplicit">Whether the user named the file: then a missing file is an error.</param>
    /// <param name="environment">Environment variables; null reads the process environment.</param>
    public static ProbeConfiguration Load(string? path, bool pathExplicit, IDictionary? environment)
    {
        var file = path ?? DefaultPath;
        var fileExists = File.Exists(file);
        if (!fileExists && (pathExplicit || Directory.Exists(file)))
        {
            throw new ConfigurationException(file, Directory.Exists(file) ? Localization.Text.Get("config.file.directory") : Localization.Text.Get("config.file.missing"));
        }

        var overrides = EnvironmentOverrides(environment ?? Environment.GetEnvironmentVariables());
        IConfigurationRoot root;
        try
        {
            // Read the bytes ourselves: AddJsonFile's file provider hides dot-files and paths under dot-directories.
            using var json = new MemoryStream(fileExists ? File.ReadAllBytes(file) : "{}"u8.ToArray());
            root = new ConfigurationBuilder().AddJsonStream(json).AddInMemoryCollection(overrides).Build();
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(file, ReadProblem(e));
        }

        var fromEnvironment = overrides.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return FromConfiguration(root, fromEnvironment, fileExists ? file : null);
    }

    /// <summary>Binds and validates an already built configuration (its "Probe" section).</summary>
    public static ProbeConfiguration FromConfiguration(IConfiguration configuration) =>
        FromConfiguration(configuration, new HashSet<string>(), null);

    /// <summary>The effective configuration as indented JSON, secrets shown as "***", for <c>probe config check</c>.</summary>
    public string ToMaskedJson() => MaskedJson.Write(Options);

    private static ProbeConfiguration FromConfiguration(IConfiguration configuration, IReadOnlySet<string> fromEnvironment, string? filePath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new ProblemList();
        ConfigurationShape.Check(configuration, fromEnvironment, problems);
        problems.ThrowIfAny();

        var options = OptionsBinding.Bind(configuration);
        OptionsDefaults.Apply(options, Environment.MachineName);
        OptionsDefaults.ResolvePaths(options, filePath);
        ProbeOptionsValidator.Validate(options, problems);
        if (problems.Count == 0)
        {
            // The target list is part of the configuration: a bad row in a targets file stops the start too.
            TargetList.Build(options, problems);
        }

        problems.ThrowIfAny();
        return new ProbeConfiguration(options, configuration, filePath);
    }

    private static Dictionary<string, string?> EnvironmentOverrides(IDictionary environment)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && name.Length > EnvironmentPrefix.Length && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = ProbeOptions.Section + ":" + name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                overrides[key] = entry.Value?.ToString();
            }
        }

        return overrides;
    }

    private static string ReadProblem(Exception e)
    {
        var detail = e.GetBaseException().Message;
        return e is JsonException or InvalidDataException or FormatException
            ? Localization.Text.Format("config.file.json", detail)
            : Localization.Text.Format("config.file.read", detail);
    }
}
