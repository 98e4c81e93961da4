using System.Text;

namespace Probe.Status;

/// <summary>
/// One element of the LED card's SVG: a name, attributes in the order given, then either text or child elements.
/// Written as text with the XML escapes, so the binary carries no XML library for one card (System.Private.Xml was
/// about 170 kB of the daemon's resident code: bench/RESULTS.md section 10).
/// </summary>
internal sealed class SvgNode(string name)
{
    private readonly List<(string Name, string Value)> _attributes = [];
    private readonly List<SvgNode> _children = [];

    public string Name { get; } = name;

    public string? Text { get; private set; }

    public IReadOnlyList<SvgNode> Children => _children;

    /// <summary>Adds an attribute; a null value adds nothing.</summary>
    public SvgNode Attr(string attribute, string? value)
    {
        if (value is not null)
        {
            _attributes.Add((attribute, value));
        }

        return this;
    }

    public SvgNode Add(SvgNode child)
    {
        _children.Add(child);
        return this;
    }

    public SvgNode Add(IEnumerable<SvgNode> children)
    {
        _children.AddRange(children);
        return this;
    }

    /// <summary>A copy of this element that more attributes can be added to; the children are shared.</summary>
    public SvgNode Copy()
    {
        var copy = new SvgNode(Name) { Text = Text };
        copy._attributes.AddRange(_attributes);
        copy._children.AddRange(_children);
        return copy;
    }

    public SvgNode WithText(string text)
    {
        Text = text;
        return this;
    }

    /// <summary>
    /// The element as markup. Indented: a line break before each child, except inside text elements, whose spaces are
    /// kept as written (xml:space).
    /// </summary>
    public void WriteTo(StringBuilder output, bool indent, int depth = 0)
    {
        output.Append('<').Append(Name);
        foreach (var (attribute, value) in _attributes)
        {
            output.Append(' ').Append(attribute).Append("=\"");
            Escape(output, value, attribute: true);
            output.Append('"');
        }

        if (Text is null && _children.Count == 0)
        {
            output.Append(" />");
            return;
        }

        output.Append('>');
        if (Text is not null)
        {
            Escape(output, Text, attribute: false);
        }

        var breaks = indent && Name != "text";
        foreach (var child in _children)
        {
            if (breaks)
            {
                output.Append('\n').Append(' ', 2 * (depth + 1));
            }

            child.WriteTo(output, indent && breaks, depth + 1);
        }

        if (breaks && _children.Count > 0)
        {
            output.Append('\n').Append(' ', 2 * depth);
        }

        output.Append("</").Append(Name).Append('>');
    }

    /// <summary>Text made safe for an element's content (or, with <paramref name="attribute"/>, a quoted attribute value).</summary>
    public static void Escape(StringBuilder output, string text, bool attribute)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => output.Append("&amp;"),
                '<' => output.Append("&lt;"),
                '>' => output.Append("&gt;"),
                '"' when attribute => output.Append("&quot;"),
                '\n' when attribute => output.Append("&#xA;"),
                '\r' => output.Append("&#xD;"),
                '\t' when attribute => output.Append("&#x9;"),
                _ => output.Append(c),
            };
        }
    }
}
