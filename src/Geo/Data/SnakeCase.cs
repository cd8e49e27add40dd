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

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.Snake.TryGetValue(value, out var name) ? name : From(value.ToString());

    /// <summary>Parses a snake_case (or PascalCase) text into the enum; false when it names no member.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        // the stored form itself (what files mostly hold): one ordinal lookup, no copy
        if (Names<TEnum>.BySnake.TryGetValue(text, out value)) return true;
        return ByMemberName(text, out value);
    }

    private static bool ByMemberName<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        var key = text.Trim();
        if (key.AsSpan().IndexOfAny('_', '-') >= 0) key = key.Replace("_", "").Replace("-", "");
        return Names<TEnum>.ByName.TryGetValue(key, out value);
    }

    // each enum's names worked out once (an importer parses and writes one per row: millions of times)
    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Snake = new();
        public static readonly Dictionary<string, TEnum> ByName = new(StringComparer.OrdinalIgnoreCase);
        public static readonly Dictionary<string, TEnum> BySnake = new(StringComparer.Ordinal);

        static Names()
        {
            foreach (var v in Enum.GetValues<TEnum>())
            {
                Snake.TryAdd(v, From(v.ToString()));
                ByName.TryAdd(v.ToString(), v); // the first member of that name wins, as before
            }
            // each snake_case name answered as the general rule answers it
            foreach (var name in Snake.Values)
                if (ByMemberName<TEnum>(name, out var v)) BySnake.TryAdd(name, v);
        }
    }
}
