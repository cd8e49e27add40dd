using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiaBan.Analytics.Classification;

/// <summary>The one JSON shape of rule sets, shared by the embedded files and the administrator's database copy.</summary>
internal static class RuleSetJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // an unknown key is almost always a typo in a hand-edited rule set: reject it instead of ignoring a threshold
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        // keep Vietnamese text readable in the stored JSON
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RuleSet Parse(string json)
    {
        RuleSet? ruleSet;
        try
        {
            ruleSet = JsonSerializer.Deserialize<RuleSet>(json, Options);
        }
        catch (JsonException e)
        {
            throw new RuleSetFormatException($"JSON không đọc được / unreadable rule set JSON: {e.Message}", e);
        }
        if (ruleSet is null) throw new RuleSetFormatException(["the JSON is null"]);
        RuleSetValidator.ThrowIfInvalid(ruleSet);
        return ruleSet;
    }

    public static string Serialize(RuleSet ruleSet) => JsonSerializer.Serialize(ruleSet, Options);
}
