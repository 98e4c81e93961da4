using System.Text;

namespace Probe.Tests.Upload;

/// <summary>A strict RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF records, line breaks inside quotes.</summary>
internal static class Rfc4180Reader
{
    public static List<List<string>> Read(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (!(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')))
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 2 : 1;
                }

                i++;
                Assert.That(i == text.Length || text[i] == ',' || text[i] == '\r', Is.True, $"garbage after a quoted field at {i}");
            }
            else if (text[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.That(text[i + 1], Is.EqualTo('\n'), "records end with CRLF");
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.That(text[i], Is.Not.EqualTo('"').And.Not.EqualTo('\n'), $"bare quote or LF at {i}");
                field.Append(text[i++]);
            }
        }

        Assert.That(record, Is.Empty, "the last record ends with CRLF");
        return records;
    }
}
