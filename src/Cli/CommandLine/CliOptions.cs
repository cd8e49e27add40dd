using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DiaBan.Geo.Crs;

namespace DiaBan.Cli;

/// <summary>
/// Option kinds shared by the commands, each parsed once with the CLI's bilingual message so a bad value is a
/// usage error (exit 2) before anything runs.
/// </summary>
public static class CliOptions
{
    public static Option<string> Text(string name, string description, string helpName = "F", bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>One of a fixed set of words (offered by tab completion).</summary>
    public static Option<string> Choice(string name, string description, string[] values, string? defaultValue = null, bool required = false)
    {
        var option = new Option<string>(name) { Description = description, HelpName = string.Join('|', values), Required = required };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    public static Option<DateOnly?> Date(string name, string description, bool required = false) =>
        Parsed<DateOnly>(name, description, "YYYY-MM-DD", required, text =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new FormatException($"{name} '{text}' is not a date yyyy-MM-dd / ngày không hợp lệ"));

    public static Option<int?> Int(string name, string description, string helpName = "N", int min = int.MinValue) =>
        Parsed<int>(name, description, helpName, false, text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n >= min ? n : throw new FormatException(min == 0 ? $"{name} cannot be negative" : $"{name} must be at least {min}")
                : throw new FormatException($"{name} '{text}' is not a whole number / không phải số nguyên"));

    /// <summary>EPSG code of the input's coordinates (4326, 9205–9218 VN-2000 …), checked against the supported list.</summary>
    public static Option<int?> Crs(string description = "the file's coordinate system when it has none / hệ tọa độ của tệp") =>
        Parsed<int>("--crs", description, "EPSG:xxxx", false, text =>
        {
            try
            {
                return CoordinateSystems.ParseCode(text);
            }
            catch (CoordinateException e)
            {
                throw new FormatException(e.Message);
            }
        });

    /// <summary>An option whose text is turned into a value by <paramref name="parse"/>; a FormatException becomes its parse error.</summary>
    public static Option<T?> Parsed<T>(string name, string description, string helpName, bool required, Func<string, T> parse) where T : struct =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            Required = required,
            CustomParser = result => Convert(result, parse),
        };

    private static T? Convert<T>(ArgumentResult result, Func<string, T> parse) where T : struct
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
            return null;
        }
    }

    /// <summary>The value of an option the command's rules make mandatory in this combination (usage error when absent).</summary>
    public static T Need<T>(this ParseResult parse, Option<T?> option, string message) where T : struct =>
        parse.GetValue(option) ?? throw new CliUsageException(message);
}
