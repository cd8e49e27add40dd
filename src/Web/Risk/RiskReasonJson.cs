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
/// were structured still carry. One streaming pass: the geometries are copied token by token, never held as a tree.
/// </summary>
public static class RiskReasonJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string WithTexts(string json, RiskReasonText text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var output = new ArrayBufferWriter<byte>(json.Length + json.Length / 8);
        using (var w = new Utf8JsonWriter(output, Options))
        {
            string? property = null, feature = null;
            int reasonsDepth = -1; // depth of the reasons array being read, -1 outside one
            bool inReason = false, adjusted = false;
            double value = 0;
            while (reader.Read())
            {
                bool reasonLevel = reasonsDepth >= 0 && reader.CurrentDepth == reasonsDepth + 1;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        w.WriteStartObject();
                        if (reasonLevel) (inReason, feature, value, adjusted) = (true, null, 0, false);
                        break;
                    case JsonTokenType.EndObject:
                        if (inReason && reasonLevel)
                        {
                            if (feature is not null) w.WriteString("text", text.Render(new RiskReason(feature, value, 0) { ExposureAdjusted = adjusted }));
                            inReason = false;
                        }
                        w.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        w.WriteStartArray();
                        if (reasonsDepth < 0 && property == "reasons") reasonsDepth = reader.CurrentDepth;
                        break;
                    case JsonTokenType.EndArray:
                        w.WriteEndArray();
                        if (reader.CurrentDepth == reasonsDepth) reasonsDepth = -1;
                        break;
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        if (inReason && reader.CurrentDepth == reasonsDepth + 2 && property == "text")
                        {
                            reader.Skip(); // the stored Vietnamese sentence: replaced by the reader's
                            break;
                        }
                        w.WritePropertyName(property!);
                        break;
                    case JsonTokenType.String:
                        if (inReason && property == "feature") feature = reader.GetString();
                        w.WriteStringValue(reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        if (inReason && property == "value") value = reader.GetDouble();
                        w.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        if (inReason && property == "exposureAdjusted") adjusted = reader.GetBoolean();
                        w.WriteBooleanValue(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        w.WriteNullValue();
                        break;
                }
            }
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

}
