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
        if (IsoDate(v) is { } iso) return iso;
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(new DateTime(1899, 12, 30).AddDays(Math.Floor(serial)));
        errors.Add(r.Row, field, $"'{v}' is not an ISO date yyyy-MM-dd / ngày không hợp lệ");
        return null;
    }

    // the common case of the ISO rule above without the general parser: exactly dddd-dd-dd naming a real day (anything
    // else goes the general way, which gives the same answer for this case)
    internal static DateOnly? IsoDate(ReadOnlySpan<char> v)
    {
        if (v.Length != 10 || v[4] != '-' || v[7] != '-') return null;
        int year = 0, month = 0, day = 0;
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7) continue;
            var c = v[i];
            if (!char.IsAsciiDigit(c)) return null;
            if (i < 4) year = year * 10 + (c - '0');
            else if (i < 7) month = month * 10 + (c - '0');
            else day = day * 10 + (c - '0');
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    internal static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"];

    /// <summary>Time of day HH:mm or HH:mm:ss (24 h); an Excel time (a fraction of a day, 0 ≤ t &lt; 1) is accepted too.</summary>
    public TimeOnly? Time(TableRow r, string field)
    {
        var v = r.Get(field);
        if (v is null) return null;
        if (TimeOnly.TryParseExact(v, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
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
        // XLSX writes integers as "12" or "12.0"; a plain integer needs no floating-point parse
        if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            if (whole >= min) return whole;
            errors.Add(r.Row, field, $"{v} is below the minimum {min} / nhỏ hơn giá trị tối thiểu");
            return null;
        }
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
