using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DiaBan.Analytics.Classification;

namespace DiaBan.Geo.Services;

/// <summary>JSON of what the classifier saw and decided, stored in status_assessment.criteria and .inputs (jsonb).</summary>
public static class AssessmentJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new IndicatorFieldConverter() },
        // a stored evaluation omits null members (WhenWritingNull), so reading it back must not demand them
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OptionalMembers } },
    };

    /// <summary>Reads criteria stored by <see cref="Criteria"/> (or a selection of them) back into the classifier's records.</summary>
    public static IReadOnlyList<CriterionEvaluation> ReadCriteria(string json) =>
        JsonSerializer.Deserialize<IReadOnlyList<CriterionEvaluation>>(json, Options) ?? [];

    /// <summary>Reads every evaluated class stored by <see cref="Criteria"/> back (what a criteria diff compares).</summary>
    public static IReadOnlyList<ClassEvaluation> ReadClasses(string json) =>
        JsonSerializer.Deserialize<IReadOnlyList<ClassEvaluation>>(json, Options) ?? [];

    private static void OptionalMembers(JsonTypeInfo type)
    {
        foreach (var property in type.Properties) property.IsRequired = false;
    }

    /// <summary>Lets a read model embed stored criteria as typed records whatever its own JSON options are.</summary>
    public sealed class CriteriaConverter : JsonConverter<IReadOnlyList<CriterionEvaluation>>
    {
        public override IReadOnlyList<CriterionEvaluation> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<IReadOnlyList<CriterionEvaluation>>(ref reader, Options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<CriterionEvaluation> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, Options);
    }

    /// <summary>Every class with every criterion: inputs, thresholds, held (true/false/null), confirmed, provisional.</summary>
    public static string Criteria(StatusAssessmentResult result) => JsonSerializer.Serialize(result.Classes, Options);

    public static string Inputs(AssembledFigures figures) => JsonSerializer.Serialize(figures.Figures, Options);

    /// <summary>Writes a set of indicator fields as their column names, e.g. ["offenders_arrested","population_resident"].</summary>
    private sealed class IndicatorFieldConverter : JsonConverter<IndicatorField>
    {
        public override IndicatorField Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var set = IndicatorField.None;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array of field names");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var name = reader.GetString();
                set |= IndicatorFieldInfo.Singles.FirstOrDefault(f => f.ColumnName() == name);
            }
            return set;
        }

        public override void Write(Utf8JsonWriter writer, IndicatorField value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var f in value.Split()) writer.WriteStringValue(f.ColumnName());
            writer.WriteEndArray();
        }
    }
}
