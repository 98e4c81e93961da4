using System.Text.Json;
using System.Text.Json.Nodes;

namespace Probe.Configuration;

/// <summary>Prints the effective options for <c>probe config check</c> with every secret replaced by "***".</summary>
internal static class MaskedJson
{
    public const string Mask = "***";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Parts of a property name that mark its value as a secret (a path to a secret, *File, is not one).</summary>
    private static readonly string[] SecretWords = ["token", "password", "secret", "apikey", "credential"];

    public static string Write(ProbeOptions options)
    {
        var root = new JsonObject { [ProbeOptions.Section] = JsonSerializer.SerializeToNode(options, ProbeOptionsJsonContext.Default.ProbeOptions) };
        MaskNode(root);
        return root.ToJsonString(Indented);
    }

    private static void MaskNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (IsSecret(name) && value is not null)
                    {
                        o[name] = Mask;
                    }
                    else if (value is JsonValue v && v.TryGetValue(out string? text) && HasUserInfo(text, out var masked))
                    {
                        o[name] = masked;
                    }
                    else
                    {
                        MaskNode(value);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    MaskNode(item);
                }

                break;
        }
    }

    private static bool IsSecret(string name) =>
        !name.EndsWith("File", StringComparison.OrdinalIgnoreCase)
        && SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>A URL like https://user:secret@host/ carries a credential in plain sight.</summary>
    private static bool HasUserInfo(string? text, out string masked)
    {
        masked = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        masked = new UriBuilder(uri) { UserName = Mask, Password = "" }.Uri.ToString();
        return true;
    }
}
