namespace Probe.Upload;

/// <summary>How the store answered a write, as far as the upload must act on it.</summary>
public enum SinkOutcomeKind
{
    /// <summary>2xx: the store holds the batch.</summary>
    Delivered,

    /// <summary>400, 413, 422: something in the batch is bad data; split it to find the poison rows.</summary>
    Rejected,

    /// <summary>401, 403, 404: credentials or org/bucket/database are wrong; retrying will not help until someone fixes them.</summary>
    Refused,

    /// <summary>429, 5xx, timeouts, connection errors, an open circuit: try again later.</summary>
    Unavailable,
}
