namespace Probe.Upload;

/// <summary>How the store answered a write, as far as the upload must act on it.</summary>
public enum SinkOutcomeKind
{
    /// <summary>2xx: the store holds the batch.</summary>
    Delivered,

    /// <summary>400, 413, 422: something in the batch is bad data; split it to find the poison rows.</summary>
    Rejected,

    /// <summary>
    /// 401, 403, 404, 405, 407, 410, 415, 426: credentials, org/bucket/database, the URL or the protocol are wrong for this
    /// server; retrying will not help until someone fixes them (the upload LED blinks fast).
    /// </summary>
    Refused,

    /// <summary>429, 5xx, any other 4xx (408, 409, 425 …), timeouts, connection errors, an open circuit: try again later.</summary>
    Unavailable,
}
