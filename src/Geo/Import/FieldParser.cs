using System.Globalization;

namespace DiaBan.Geo.Import;

/// <summary>Parses cell text into typed values, recording a file:row:field error instead of throwing.</summary>
public sealed class FieldParser(ImportErrors errors)
{
    public string? Required(TableRow r, string field)
    {
        var v = r.Get(field);
        if (v is null) errors.Add(r.Row, field, "required value is empty / thiếu giá trị bắt buộc");
        return v;
    }

    /// <summary>ISO date (yyyy-MM-dd); an Excel date serial number is accepted too (XLSX stores dates as numbers).</summary>
    public DateOnly? Date(TableRow r, string field, bool required)
    {
        var v = r.Get(field);
        if (v is null)
        {
            if (required) errors.Add(r.Row, field, "required date is empty / thiếu ngày");
            return null;
        }
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(new DateTime(1899, 12, 30).AddDays(Math.Floor(serial)));
        errors.Add(r.Row, field, $"'{v}' is not an ISO date yyyy-MM-dd / ngày không hợp lệ");
        return null;
    }

    /// <summary>Time of day HH:mm or HH:mm:ss (24 h); an Excel time (a fraction of a day, 0 ≤ t &lt; 1) is accepted too.</summary>
    public TimeOnly? Time(TableRow r, string field)
    {
        var v = r.Get(field);
        if (v is null) return null;
        if (TimeOnly.TryParseExact(v, ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and < 1)
            return TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(Math.Round(fraction * 86_400) % 86_400));
        errors.Add(r.Row, field, $"'{v}' is not a time of day HH:mm / giờ không hợp lệ");
        return null;
    }

    public double? Double(TableRow r, string field, bool required, double min = double.NegativeInfinity)
    {
        var v = r.Get(field);
        if (v is null)
        {
            if (required) errors.Add(r.Row, field, "required number is empty / thiếu số");
            return null;
        }
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            errors.Add(r.Row, field, $"'{v}' is not a number (use '.' as decimal point) / không phải số");
            return null;
        }
        if (d < min)
        {
            errors.Add(r.Row, field, $"{v} is below the minimum {min} / nhỏ hơn giá trị tối thiểu");
            return null;
        }
        return d;
    }

    public int? Int(TableRow r, string field, bool required, int min = 0)
    {
        var v = r.Get(field);
        if (v is null)
        {
            if (required) errors.Add(r.Row, field, "required whole number is empty / thiếu số nguyên");
            return null;
        }
        // XLSX writes integers as "12" or "12.0"
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != Math.Floor(d) || d > int.MaxValue)
        {
            errors.Add(r.Row, field, $"'{v}' is not a whole number / không phải số nguyên");
            return null;
        }
        if (d < min)
        {
            errors.Add(r.Row, field, $"{v} is below the minimum {min} / nhỏ hơn giá trị tối thiểu");
            return null;
        }
        return (int)d;
    }

    public TEnum? Enum<TEnum>(TableRow r, string field, bool required) where TEnum : struct, System.Enum
    {
        var v = r.Get(field);
        if (v is null)
        {
            if (required) errors.Add(r.Row, field, "required value is empty / thiếu giá trị");
            return null;
        }
        if (Data.SnakeCase.TryParse<TEnum>(v, out var e)) return e;
        errors.Add(r.Row, field, $"'{v}' is not one of {string.Join("|", System.Enum.GetValues<TEnum>().Select(x => Data.SnakeCase.Of(x)))}");
        return null;
    }
}
