namespace Probe.Storage.Rows;

/// <summary>A stored field's value as the schema types it (PROBE.md section 3, "Schema"): what a row's field is, whatever its bytes.</summary>
internal enum StoredFieldType : byte
{
    False,
    True,

    /// <summary>An integer field (typed so by name): <see cref="StoredField.Integer"/>.</summary>
    Integer,

    /// <summary>Every other number, timers in ms: <see cref="StoredField.Double"/>.</summary>
    Double,

    /// <summary>UTF-8 text: <see cref="StoredFields.TextOf"/>.</summary>
    Text,
}
