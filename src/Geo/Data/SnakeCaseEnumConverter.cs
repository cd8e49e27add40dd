using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DiaBan.Geo.Data;

/// <summary>Stores an enum as its snake_case name (readable in SQL and stable against reordering).</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => SnakeCase.Of(v),
    s => Parse(s))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string s) =>
        SnakeCase.TryParse<TEnum>(s, out var v) ? v : throw new InvalidOperationException($"'{s}' is not a {typeof(TEnum).Name}");
}
