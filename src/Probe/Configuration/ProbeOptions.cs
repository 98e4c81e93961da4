using Probe.Budget;
using Probe.Checks;
using Probe.Hosting;
using Probe.Status;
using Probe.Storage;
using Probe.Targets;
using Probe.Upload;

namespace Probe.Configuration;

/// <summary>The <c>Probe</c> section of the configuration, as bound; validated, then used read-only.</summary>
public sealed class ProbeOptions
{
    public const string Section = "Probe";

    public string Id { get; set; } = "";
    /// <summary>fr or en for human output (help, tables, status, errors); null follows the locale (LC_ALL, LC_MESSAGES, LANG).</summary>
    public string? Language { get; set; }
    public string? Region { get; set; }
    /// <summary>fixed, mobile, satellite …: free text, becomes the <c>access</c> tag.</summary>
    public string? Access { get; set; }
    public int? Asn { get; set; }
    public string? Isp { get; set; }
    public GatewayOptions Gateway { get; set; } = new();
    public List<ResolverOptions> Resolvers { get; set; } = [];
    public TargetsOptions Targets { get; set; } = new();
    public ScheduleOptions Schedule { get; set; } = new();
    public BudgetOptions Budget { get; set; } = new();
    public ChecksOptions Checks { get; set; } = new();
    public StoreOptions Store { get; set; } = new();
    public SinkOptions Sink { get; set; } = new();
    public LedsOptions Leds { get; set; } = new();
}
