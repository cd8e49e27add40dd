using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace DiaBan.Geo.Data;

/// <summary>JSON options for audit and jsonb columns: Vietnamese text kept readable instead of \u escapes.</summary>
public static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
