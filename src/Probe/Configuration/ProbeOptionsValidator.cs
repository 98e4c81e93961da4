using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Probe.Budget;
using Probe.Checks;
using Probe.Hosting;
using Probe.Storage;

namespace Probe.Configuration;

/// <summary>Checks every setting except the targets (see Targets.TargetList) and names the key of each problem.</summary>
internal static partial class ProbeOptionsValidator
{
    private const long MiB = 1024 * 1024;

    public static void Validate(ProbeOptions o, ProblemList problems)
    {
        const string P = ProbeOptions.Section;
        if (!TagSafe().IsMatch(o.Id))
        {
            problems.Add($"{P}:Id", Localization.Text.Format("config.id.invalid", o.Id));
        }

        if (o.Language is { } language && Localization.LanguageChoice.FromName(language) is null)
        {
            problems.Add($"{P}:Language", Localization.Text.Format("config.language.unknown", language));
        }

        if (o.Asn is <= 0)
        {
            problems.Add($"{P}:Asn", Localization.Text.Format("config.asn.invalid", o.Asn));
        }

        ValidateGateway(o.Gateway, problems);
        ValidateResolvers(o.Resolvers, problems);
        ValidateSchedule(o.Schedule, problems);
        ValidateBudget(o.Budget, problems);
        ValidateChecks(o.Checks, problems);
        ValidateStore(o.Store, problems);
        SinkAndLedsValidator.Validate(o.Sink, o.Leds, problems);
    }

    /// <summary>Names that become tags in the time-series store.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,63}$")]
    public static partial Regex TagSafe();

    public static void Positive(TimeSpan value, string key, ProblemList problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(key, Localization.Text.Format("config.timespan.positive", value));
        }
    }

    public static void InRange(long value, long min, long max, string key, ProblemList problems)
    {
        if (value < min || value > max)
        {
            problems.Add(key, Localization.Text.Format("config.range", value, min, max));
        }
    }

    public static void Ports(List<int> ports, string key, ProblemList problems)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            if (!NetworkText.IsPort(ports[i]))
            {
                problems.Add($"{key}:{i}", Localization.Text.Format("config.port.invalid", ports[i]));
            }
        }
    }

    private static void ValidateGateway(GatewayOptions gateway, ProblemList problems)
    {
        const string Key = "Probe:Gateway";
        if (gateway.Address != "auto" && !NetworkText.TryParseAddress(gateway.Address, out _))
        {
            problems.Add($"{Key}:Address", Localization.Text.Format("config.gateway.address", gateway.Address));
        }

        Ports(gateway.Ports, $"{Key}:Ports", problems);
    }

    private static void ValidateResolvers(List<ResolverOptions> resolvers, ProblemList problems)
    {
        const string Key = "Probe:Resolvers";
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < resolvers.Count; i++)
        {
            var r = resolvers[i];
            if (!TagSafe().IsMatch(r.Name))
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

    private static void ValidateSchedule(ScheduleOptions s, ProblemList problems)
    {
        const string Key = "Probe:Schedule";
        Positive(s.SentinelInterval, $"{Key}:SentinelInterval", problems);
        Positive(s.RoundInterval, $"{Key}:RoundInterval", problems);
        Positive(s.ThroughputInterval, $"{Key}:ThroughputInterval", problems);
        if (!(s.Jitter is >= 0 and <= 0.5))
        {
            problems.Add($"{Key}:Jitter", Localization.Text.Format("config.range", s.Jitter, 0, 0.5));
        }

        InRange(s.MaxConcurrency, 1, 64, $"{Key}:MaxConcurrency", problems);
        InRange(s.ConfirmRounds, 1, 20, $"{Key}:ConfirmRounds", problems);
    }

    /// <summary>A budget below what the sentinel lane alone costs at its slowest would leave the probe blind all day.</summary>
    private static void ValidateBudget(BudgetOptions b, ProblemList problems)
    {
        if (b.DailyBytes != 0 && b.DailyBytes < MinDailyBytes)
        {
            problems.Add("Probe:Budget:DailyBytes", Localization.Text.Format("config.budget.tooSmall", b.DailyBytes, MinDailyBytes));
        }
    }

    /// <summary>The smallest budget (3 MB) that holds the sentinel lane at its slowest, a platform watch and a coverage round a day.</summary>
    public const long MinDailyBytes = 3_000_000;

    private static void ValidateChecks(ChecksOptions c, ProblemList problems)
    {
        const string Key = "Probe:Checks";
        Positive(c.Timeout, $"{Key}:Timeout", problems);
        InRange(c.HttpBodyLimitBytes, 1, 16 * MiB, $"{Key}:HttpBodyLimitBytes", problems);
        InRange(c.MaxRedirects, 0, 20, $"{Key}:MaxRedirects", problems);
        InRange(c.ThroughputBytes, 16 * 1024, 16 * MiB, $"{Key}:ThroughputBytes", problems);
        if (!string.IsNullOrEmpty(c.TrustedCaFile))
        {
            var problem = PemProblem(c.TrustedCaFile);
            if (problem is not null)
            {
                problems.Add($"{Key}:TrustedCaFile", problem);
            }
        }

        for (var i = 0; i < c.BogonAllow.Count; i++)
        {
            if (!IsCidr(c.BogonAllow[i]))
            {
                problems.Add($"{Key}:BogonAllow:{i}", Localization.Text.Format("config.cidr.invalid", c.BogonAllow[i]));
            }
        }
    }

    private static void ValidateStore(StoreOptions s, ProblemList problems)
    {
        const string Key = "Probe:Store";
        if (string.IsNullOrWhiteSpace(s.Path) || s.Path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add($"{Key}:Path", Localization.Text.Format("config.store.path", s.Path));
        }
        else if (Directory.Exists(s.Path))
        {
            problems.Add($"{Key}:Path", Localization.Text.Format("config.store.directory", s.Path));
        }

        if (s.MaxBytes < MiB)
        {
            problems.Add($"{Key}:MaxBytes", Localization.Text.Format("config.store.maxbytes", s.MaxBytes));
        }

        Positive(s.UnsyncedHoldLimit, $"{Key}:UnsyncedHoldLimit", problems);
    }

    /// <summary>A CIDR range with its host bits zero: "127.0.0.1/8" is refused rather than guessed at.</summary>
    private static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && NetworkText.TryParseAddress(text[..slash], out var address)
            && IPNetwork.TryParse(text, out var network)
            && network.BaseAddress.Equals(address);
    }

    private static string? PemProblem(string path)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count > 0 ? null : Localization.Text.Format("config.pem.none", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Localization.Text.Format("config.file.unreadable", path, e.Message);
        }
        catch (CryptographicException e)
        {
            return Localization.Text.Format("config.pem.invalid", path, e.Message);
        }
    }
}
