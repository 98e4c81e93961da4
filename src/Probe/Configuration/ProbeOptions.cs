namespace Probe.Configuration;

/// <summary>The <c>Probe</c> section of the configuration, as bound; validated, then used read-only.</summary>
public sealed class ProbeOptions
{
    public const string Section = "Probe";

    public string Id { get; set; } = "";
    public string? Region { get; set; }
    /// <summary>fixed, mobile, satellite …: free text, becomes the <c>access</c> tag.</summary>
    public string? Access { get; set; }
    public int? Asn { get; set; }
    public string? Isp { get; set; }
    public GatewayOptions Gateway { get; set; } = new();
    public List<ResolverOptions> Resolvers { get; set; } = [];
    public TargetsOptions Targets { get; set; } = new();
    public ScheduleOptions Schedule { get; set; } = new();
    public ChecksOptions Checks { get; set; } = new();
    public StoreOptions Store { get; set; } = new();
    public SinkOptions Sink { get; set; } = new();
    public LedsOptions Leds { get; set; } = new();
}

/// <summary>The local router: its address ("auto": from the default route) and the ports that prove it is up.</summary>
public sealed class GatewayOptions
{
    public string Address { get; set; } = "auto";
    public List<int> Ports { get; set; } = [];
}

/// <summary>A DNS resolver: "system" reads /etc/resolv.conf; reference resolvers only cross-check.</summary>
public sealed class ResolverOptions
{
    public string Name { get; set; } = "";
    /// <summary>"system", an address, or address:port.</summary>
    public string Address { get; set; } = "";
    public bool Reference { get; set; }
}

/// <summary>Where targets come from: the built-in catalog, CSV files, and inline items.</summary>
public sealed class TargetsOptions
{
    public bool UseDefaults { get; set; } = true;
    public List<TargetFileOptions> Files { get; set; } = [];
    public List<TargetItemOptions> Items { get; set; } = [];
}

/// <summary>A CSV target list (citizenlab format); in JSON either a path string or { "Path": …, "Group": … }.</summary>
public sealed class TargetFileOptions
{
    public string Path { get; set; } = "";
    /// <summary>Group for rows that do not name one; national when null.</summary>
    public string? Group { get; set; }
}

/// <summary>One inline target of the configuration.</summary>
public sealed class TargetItemOptions
{
    public string Name { get; set; } = "";
    public string? Url { get; set; }
    public string? Host { get; set; }
    public List<int> Ports { get; set; } = [];
    public string Group { get; set; } = "national";
    public string? Platform { get; set; }
    public List<string> Addresses { get; set; } = [];
    public bool Sentinel { get; set; }
}

/// <summary>How often the probe measures.</summary>
public sealed class ScheduleOptions
{
    public TimeSpan SentinelInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RoundInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Fraction of the interval by which each start is randomly moved (0 to 0.5).</summary>
    public double Jitter { get; set; } = 0.1;
    public int MaxConcurrency { get; set; } = 8;
    public int ConfirmRounds { get; set; } = 2;
}

/// <summary>How each check behaves.</summary>
public sealed class ChecksOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);
    public int HttpBodyLimitBytes { get; set; } = 65536;
    public int MaxRedirects { get; set; } = 5;
    /// <summary>PEM file of extra trusted CA certificates (tests, private deployments).</summary>
    public string? TrustedCaFile { get; set; }
    /// <summary>CIDR ranges not to call bogons (e.g. 127.0.0.0/8 in loopback tests).</summary>
    public List<string> BogonAllow { get; set; } = [];
}

/// <summary>The local crash-safe buffer.</summary>
public sealed class StoreOptions
{
    public string Path { get; set; } = "/var/lib/probe/results.db";
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;
    /// <summary>How long unsynchronized rows wait for their boot's clock before they are sent marked unsynced.</summary>
    public TimeSpan UnsyncedHoldLimit { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>The analysts' time-series store.</summary>
public sealed class SinkOptions
{
    /// <summary>influx2, influx1 or none.</summary>
    public string Kind { get; set; } = "none";
    public string? Url { get; set; }
    public string? Org { get; set; }
    public string? Bucket { get; set; }
    public string? Database { get; set; }
    public string? TokenFile { get; set; }
    /// <summary>The token itself, usually from the environment (PROBE__Sink__Token); never printed.</summary>
    public string? Token { get; set; }
    public int BatchSize { get; set; } = 5000;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The status LEDs.</summary>
public sealed class LedsOptions
{
    /// <summary>gpio, log or none.</summary>
    public string Driver { get; set; } = "gpio";
    public int Chip { get; set; }
    public bool ActiveLow { get; set; }
    public LedPinsOptions Pins { get; set; } = new();
}

/// <summary>BCM pin numbers of the LEDs.</summary>
public sealed class LedPinsOptions
{
    public int Power { get; set; } = 17;
    public int NetGreen { get; set; } = 27;
    public int NetRed { get; set; } = 22;
    public int Upload { get; set; } = 23;
}
