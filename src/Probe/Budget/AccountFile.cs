using System.Text.Json;
using System.Text.Json.Serialization;

namespace Probe.Budget;

/// <summary>
/// The day's account on disk: a small JSON file beside the store (budget.json), written every 15 minutes and at stop.
/// </summary>
/// <remarks>
/// Not in the store: its commits are the SD card's main wear and are being made rarer, and the account changes with every
/// packet. A file of ~300 bytes replaced by rename 96 times a day costs about 1 MB of writes a day (data block, inode and
/// journal), and a crash loses at most 15 minutes of counting (about 0.3 MB of traffic at the defaults), which the
/// planner's reserve covers. A file that cannot be read is treated as no account (logged by the caller).
/// </remarks>
internal static class AccountFile
{
    public const string FileName = "budget.json";

    /// <summary>budget.json in the store's directory.</summary>
    public static string PathFor(string storePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath)) ?? ".", FileName);

    public static AccountState? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), AccountJsonContext.Default.AccountState) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes a temporary file and renames it over the old one, so a crash leaves one or the other, never half.</summary>
    public static void Write(string path, AccountState state)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, AccountJsonContext.Default.AccountState));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>Source-generated JSON for the account file (no reflection in the trimmed binary).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(AccountState))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;
