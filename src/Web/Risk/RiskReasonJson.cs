using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DiaBan.Analytics.Risk;

namespace DiaBan.Web.Risk;

/// <summary>
/// Words the stored reasons of a risk GeoJSON (assembled in PostGIS: each commune's <c>reasons</c> is the stored array of
/// <c>{feature, value, contribution, exposureAdjusted}</c>) for the reader: every reason object gets <c>text</c> in the
/// request's language (<see cref="RiskReasonText"/>), replacing the Vietnamese <c>text</c> rows scored before reasons
/// were structured still carry. Only the <c>reasons</c> arrays are parsed and rewritten; the rest (the geometries) is
/// copied as bytes. A <c>"reasons"</c> followed by <c>:</c> can only be a property name: inside a JSON string every quote
/// is escaped, so the byte after <c>reasons</c> would be a backslash.
/// </summary>
public static class RiskReasonJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string WithTexts(string json, RiskReasonText text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var output = new ArrayBufferWriter<byte>(utf8.Length + utf8.Length / 4);
        ReadOnlySpan<byte> key = "\"reasons\""u8;
        int copied = 0, at = 0;
        while (at < utf8.Length)
        {
            int found = utf8.AsSpan(at).IndexOf(key);
            if (found < 0) break;
            int i = Skip(utf8, at + found + key.Length);
            if (i >= utf8.Length || utf8[i] != (byte)':' || (i = Skip(utf8, i + 1)) >= utf8.Length || utf8[i] != (byte)'[')
            {
                at += found + key.Length;
                continue;
            }
            var reader = new Utf8JsonReader(utf8.AsSpan(i));
            using var array = JsonDocument.ParseValue(ref reader);
            output.Write(utf8.AsSpan(copied, i - copied));
            Write(array.RootElement, output, text);
            copied = at = i + (int)reader.BytesConsumed;
        }
        output.Write(utf8.AsSpan(copied));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static int Skip(byte[] utf8, int i)
    {
        while (i < utf8.Length && utf8[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i;
    }

    private static void Write(JsonElement reasons, IBufferWriter<byte> output, RiskReasonText text)
    {
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartArray();
        foreach (var reason in reasons.EnumerateArray())
        {
            if (reason.ValueKind != JsonValueKind.Object)
            {
                reason.WriteTo(w);
                continue;
            }
            w.WriteStartObject();
            foreach (var p in reason.EnumerateObject())
                if (p.Name != "text") p.WriteTo(w); // the stored Vietnamese sentence: replaced by the reader's
            if (reason.TryGetProperty("feature", out var feature) && feature.ValueKind == JsonValueKind.String)
            {
                double value = reason.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
                bool adjusted = reason.TryGetProperty("exposureAdjusted", out var a) && a.ValueKind == JsonValueKind.True;
                w.WriteString("text", text.Render(new RiskReason(feature.GetString()!, value, 0) { ExposureAdjusted = adjusted }));
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
