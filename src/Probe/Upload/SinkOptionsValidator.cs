using Probe.Configuration;

namespace Probe.Upload;

/// <summary>Checks the sink: a known kind, the keys that kind requires, an http(s) URL, batch size and timeout.</summary>
internal static class SinkOptionsValidator
{
    private const string Key = "Probe:Sink";

    public static void Validate(SinkOptions s, ProblemList problems)
    {
        string[] required = s.Kind switch
        {
            SinkKinds.Influx2 => ["Url", "Org", "Bucket"],
            SinkKinds.Influx1 => ["Url", "Database"],
            _ => [],
        };
        if (!SinkKinds.All.Contains(s.Kind))
        {
            problems.Add($"{Key}:Kind", Localization.Text.Format("config.sink.kind", s.Kind, OptionRules.OneOf(SinkKinds.All)));
        }

        foreach (var name in required)
        {
            var value = name switch { "Url" => s.Url, "Org" => s.Org, "Bucket" => s.Bucket, _ => s.Database };
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{Key}:{name}", Localization.Text.Format("config.sink.required", s.Kind));
            }
        }

        if (!string.IsNullOrEmpty(s.Url) && !NetworkText.IsHttpUrl(s.Url, out _))
        {
            problems.Add($"{Key}:Url", Localization.Text.Get("config.sink.url"));
        }

        OptionRules.InRange(s.BatchSize, 1, 50_000, $"{Key}:BatchSize", problems);
        OptionRules.Positive(s.RequestTimeout, $"{Key}:RequestTimeout", problems);
    }

    /// <summary>
    /// Whether the token file can be read, asked only by the commands that send (run, upload): under systemd the
    /// file is a credential only the service sees, and a technician's <c>probe status</c> must not fail on it.
    /// </summary>
    public static ConfigurationProblem? TokenFileProblem(SinkOptions s)
    {
        if (!SinkKinds.Sends(s.Kind) || string.IsNullOrEmpty(s.TokenFile))
        {
            return null;
        }

        return ReadProblem(s.TokenFile) is { } problem ? new ConfigurationProblem($"{Key}:TokenFile", problem) : null;
    }

    private static string? ReadProblem(string path)
    {
        // The token itself is a secret: check the file opens, never echo what it holds.
        try
        {
            using var stream = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Localization.Text.Format("config.file.unreadable", path, e.Message);
        }
    }
}
