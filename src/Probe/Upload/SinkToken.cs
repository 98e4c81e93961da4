using Microsoft.Extensions.Logging;

namespace Probe.Upload;

/// <summary>Reads the store's token: Sink.TokenFile (systemd LoadCredential) first, then Sink.Token. The value is never logged.</summary>
internal static class SinkToken
{
    public static string? Read(SinkOptions sink, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(sink.TokenFile))
        {
            try
            {
                var token = File.ReadAllText(sink.TokenFile).Trim();
                return token.Length > 0 ? token : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not fatal: the store will refuse us with 401, which the upload reports and backs off from.
                Log.TokenFileUnreadable(logger, sink.TokenFile, ex.Message);
            }
        }

        return string.IsNullOrWhiteSpace(sink.Token) ? null : sink.Token.Trim();
    }
}
