using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Probe.Configuration;

namespace Probe.Checks;

/// <summary>Checks how each check behaves: timeout, limits, the extra CA file and the bogon exceptions.</summary>
internal static class ChecksOptionsValidator
{
    private const string Key = "Probe:Checks";
    private const long MiB = 1024 * 1024;

    public static void Validate(ChecksOptions c, ProblemList problems)
    {
        OptionRules.Positive(c.Timeout, $"{Key}:Timeout", problems);
        OptionRules.InRange(c.HttpBodyLimitBytes, 1, 16 * MiB, $"{Key}:HttpBodyLimitBytes", problems);
        OptionRules.InRange(c.MaxRedirects, 0, 20, $"{Key}:MaxRedirects", problems);
        OptionRules.InRange(c.ThroughputBytes, 16 * 1024, 16 * MiB, $"{Key}:ThroughputBytes", problems);
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
