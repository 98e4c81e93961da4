using Probe.Checks;
using Probe.Storage;

namespace Probe.Configuration;

/// <summary>
/// Defaults that cannot live in the options classes: the binder appends to a non-empty list,
/// so lists start empty and are filled here only when the configuration left them empty.
/// </summary>
internal static class OptionsDefaults
{
    public static readonly int[] GatewayPorts = [53, 80, 443];

    public static void Apply(ProbeOptions options, string hostName)
    {
        if (string.IsNullOrWhiteSpace(options.Id))
        {
            options.Id = hostName;
        }

        if (options.Gateway.Ports.Count == 0)
        {
            options.Gateway.Ports.AddRange(GatewayPorts);
        }

        if (options.Resolvers.Count == 0)
        {
            options.Resolvers.AddRange(
            [
                new ResolverOptions { Name = "system", Address = "system" },
                new ResolverOptions { Name = "google", Address = "8.8.8.8", Reference = true },
                new ResolverOptions { Name = "cloudflare", Address = "1.1.1.1", Reference = true },
            ]);
        }

        if (options.Store.Path == StoreOptions.DefaultPath)
        {
            options.Store.Path = DefaultStorePath();
        }

        // Words with a fixed vocabulary are compared ordinally downstream: store them lower-case.
        options.Gateway.Address = options.Gateway.Address.ToLowerInvariant();
        options.Sink.Kind = options.Sink.Kind.ToLowerInvariant();
        options.Leds.Driver = options.Leds.Driver.ToLowerInvariant();
        foreach (var item in options.Targets.Items)
        {
            item.Group = item.Group.ToLowerInvariant();
            item.Platform = item.Platform?.ToLowerInvariant();
        }

        foreach (var file in options.Targets.Files)
        {
            file.Group = file.Group?.ToLowerInvariant();
        }
    }

    /// <summary>
    /// Where the buffer lives when the configuration does not say: systemd's StateDirectory
    /// ($STATE_DIRECTORY) for the service; /var/lib/probe for root or when it exists; otherwise
    /// the user's state directory, so that a newcomer's first <c>probe check</c> stores its results.
    /// </summary>
    private static string DefaultStorePath()
    {
        var state = Environment.GetEnvironmentVariable("STATE_DIRECTORY")?.Split(':')[0];
        if (!string.IsNullOrEmpty(state))
        {
            return Path.Combine(state, "results.db");
        }

        if (Environment.IsPrivilegedProcess || Directory.Exists(Path.GetDirectoryName(StoreOptions.DefaultPath)))
        {
            return StoreOptions.DefaultPath;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state") : xdg;
        return Path.Combine(root, "probe", "results.db");
    }

    /// <summary>Relative paths in a config file mean "next to this file", not "wherever the daemon was started".</summary>
    public static void ResolvePaths(ProbeOptions options, string? configFile)
    {
        var directory = configFile is null ? null : Path.GetDirectoryName(Path.GetFullPath(configFile));
        if (directory is null)
        {
            return;
        }

        string? Resolve(string? path) =>
            string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, directory);

        foreach (var file in options.Targets.Files)
        {
            file.Path = Resolve(file.Path) ?? "";
        }

        options.Checks.TrustedCaFile = Resolve(options.Checks.TrustedCaFile);
        options.Sink.TokenFile = Resolve(options.Sink.TokenFile);
        options.Store.Path = Resolve(options.Store.Path) ?? "";
    }
}
