using System.Text;

namespace DiaBan.Geo.Data;

/// <summary>PascalCase → snake_case, for table/column names and enum values stored as text.</summary>
public static class SnakeCase
{
    public static string From(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // a boundary before an upper-case letter that follows a lower-case letter or digit, or starts a word after an acronym
                var prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (prevLowerOrDigit || acronymEnd) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => From(value.ToString());

    /// <summary>Parses a snake_case (or PascalCase) text into the enum; false when it names no member.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var key = text.Trim().Replace("_", "").Replace("-", "");
        foreach (var v in Enum.GetValues<TEnum>())
            if (string.Equals(v.ToString(), key, StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        return false;
    }
}
