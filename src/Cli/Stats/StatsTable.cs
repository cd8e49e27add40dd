using System.Globalization;
using System.Text.Json;

namespace DiaBan.Cli.Stats;

/// <summary>
/// The output of `diaban stats`: named columns, one row per feature, plus facts about the run (statistic, weights,
/// coordinates, notes). CSV is plain RFC 4180 (header and rows only, so pandas, Excel and R read it as is) and the facts
/// go to stderr as "key: value" lines; JSON puts them beside "features".
/// </summary>
public sealed class StatsTable(IReadOnlyList<string> columns)
{
    private readonly List<object?[]> _rows = [];
    private readonly List<(string Key, object? Value)> _facts = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<string> Notes => _notes;

    public void Fact(string key, object? value) => _facts.Add((key, value));

    public void Note(string note) => _notes.Add(note);

    public void Add(params object?[] row)
    {
        if (row.Length != Columns.Count) throw new ArgumentException($"{row.Length} values for {Columns.Count} columns");
        _rows.Add(row);
    }

    /// <summary>Writes the table in <paramref name="format"/>; for CSV the description of the run goes to <paramref name="description"/>.</summary>
    public void Write(TextWriter writer, string format, TextWriter description)
    {
        if (format == "json")
        {
            WriteJson(writer);
            return;
        }
        WriteCsv(writer);
        foreach (var (key, value) in _facts) description.WriteLine($"{key}: {Text(value)}");
        foreach (var note in _notes) description.WriteLine($"note: {note}");
    }

    private void WriteCsv(TextWriter w)
    {
        w.WriteLine(string.Join(',', Columns.Select(Quote)));
        foreach (var row in _rows) w.WriteLine(string.Join(',', row.Select(v => Quote(Text(v)))));
    }

    private void WriteJson(TextWriter w)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var (key, value) in _facts) WriteValue(json, key, value);
            json.WriteStartArray("notes");
            foreach (var note in _notes) json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteStartArray("features");
            foreach (var row in _rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < Columns.Count; i++) WriteValue(json, Columns[i], row[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        w.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes a number (NaN/∞ as null), text, bool or null under a property name.</summary>
    public static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        json.WritePropertyName(key);
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case double d when !double.IsFinite(d):
                json.WriteNullValue();
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    /// <summary>Invariant text: doubles round-trip ("R"), NaN and null empty.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled
    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
