using System.Globalization;
using System.Text.RegularExpressions;
using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>A problem with one field of one row; the importer prefixes file and row.</summary>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The message as the importer prints it: <c>file:row:field: what is wrong</c>.</summary>
    public string Format(string file, int row) => $"{file}:{row}:{Field}: {Message}";
}

/// <summary>A validated target, or the errors of its row (never both).</summary>
public sealed record PlanTargetRowResult(PlanTarget? Target, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Target is not null;
}

/// <summary>
/// The targets file format (CSV or XLSX, one target per row), validated independently of the parser: the importer
/// hands over the row's cells by column name as strings and gets a <see cref="PlanTarget"/> or errors naming the field.
/// </summary>
public static partial class PlanTargetRow
{
    public const string ScopeLevel = "scope_level";
    public const string ScopeCodes = "scope_codes";
    public const string Year = "year";
    public const string Indicator = "indicator";
    public const string KeyType = "key_type";
    public const string Comparison = "comparison";
    public const string Direction = "direction";
    public const string Value = "value";
    public const string LegalBasis = "legal_basis";
    public const string DocumentNumber = "document_number";
    public const string Note = "note";

    public static IReadOnlyList<string> Columns { get; } =
        [ScopeLevel, ScopeCodes, Year, Indicator, KeyType, Comparison, Direction, Value, LegalBasis, DocumentNumber, Note];

    public static IReadOnlyList<string> RequiredColumns { get; } =
        [ScopeLevel, ScopeCodes, Year, Indicator, Comparison, Direction, Value, LegalBasis, DocumentNumber];

    /// <summary>Header problems (missing required or unknown columns), reported once per file with the column name as field.</summary>
    public static IReadOnlyList<FieldError> CheckHeader(IEnumerable<string> header)
    {
        var names = header.Select(h => h.Trim()).ToList();
        var errors = RequiredColumns.Where(c => !names.Contains(c, StringComparer.Ordinal))
            .Select(c => new FieldError(c, "thiếu cột bắt buộc / required column missing")).ToList();
        errors.AddRange(names.Where(n => !Columns.Contains(n, StringComparer.Ordinal))
            .Select(n => new FieldError(n, $"cột không hợp lệ; các cột: {string.Join(", ", Columns)} / unknown column")));
        return errors;
    }

    /// <summary>A target written as a row of this format (export, templates); <see cref="Validate"/> reads it back unchanged.</summary>
    public static IReadOnlyDictionary<string, string?> Fields(PlanTarget target) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [ScopeLevel] = target.Scope.Level.Code(),
        [ScopeCodes] = string.Join(';', target.Scope.Codes),
        [Year] = target.Year.ToString(CultureInfo.InvariantCulture),
        [Indicator] = target.Indicator.Code(),
        [KeyType] = target.KeyType?.Code(),
        [Comparison] = target.Comparison.Code(),
        [Direction] = target.Direction.Code(),
        [Value] = target.Value.ToString("R", CultureInfo.InvariantCulture),
        [LegalBasis] = target.LegalBasis,
        [DocumentNumber] = target.DocumentNumber,
        [Note] = target.Note,
    };

    public static PlanTargetRowResult Validate(IReadOnlyDictionary<string, string?> fields)
    {
        var errors = new List<FieldError>();
        string? Text(string field) => fields.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        string? Required(string field)
        {
            var value = Text(field);
            if (value is null) errors.Add(new(field, "bắt buộc, đang để trống / required, empty"));
            return value;
        }

        var level = Parse(Required(ScopeLevel), ScopeLevel, errors, LevelCodes);
        var codes = Required(ScopeCodes) is { } rawCodes ? CodeSeparator().Split(rawCodes).Where(c => c.Length > 0).ToArray() : null;
        foreach (var bad in codes?.Where(c => !UnitCode().IsMatch(c)) ?? [])
            errors.Add(new(ScopeCodes, $"mã đơn vị '{bad}' không hợp lệ (chữ số, chữ cái, '-', '_') / invalid unit code"));
        if (codes is not null && level is TargetScopeLevel.Province or TargetScopeLevel.District && codes.Length != 1)
            errors.Add(new(ScopeCodes, $"phạm vi {level!.Value.Code()} cần đúng một mã, có {codes.Length} / exactly one code expected"));

        int? year = null;
        if (Required(Year) is { } rawYear)
        {
            if (int.TryParse(rawYear, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100) year = y;
            else errors.Add(new(Year, $"'{rawYear}' không phải năm từ 2000 đến 2100 / not a year in 2000–2100"));
        }

        PlanIndicator? indicator = null;
        if (Required(Indicator) is { } rawIndicator)
        {
            if (PlanIndicatorInfo.TryFromCode(rawIndicator, out var i)) indicator = i;
            else errors.Add(new(Indicator, $"'{rawIndicator}' không hợp lệ; dùng: {string.Join(", ", PlanIndicatorInfo.All.Select(x => x.Code()))} / unknown indicator"));
        }

        CommuneStatus? keyType = null;
        var rawKeyType = Text(KeyType);
        if (indicator == PlanIndicator.KeyCommunes)
        {
            if (rawKeyType is null) errors.Add(new(KeyType, "bắt buộc với key_communes: key_type_i, key_type_ii hoặc key_type_iii / required for key_communes"));
            else if (KeyTypes.Where(k => k.Code() == rawKeyType).Select(k => (CommuneStatus?)k).FirstOrDefault() is { } match) keyType = match;
            else errors.Add(new(KeyType, $"'{rawKeyType}' không hợp lệ; dùng key_type_i, key_type_ii hoặc key_type_iii / unknown key type"));
        }
        else if (rawKeyType is not null && indicator is not null)
        {
            errors.Add(new(KeyType, $"chỉ dùng với key_communes, không dùng với {indicator.Value.Code()} / only for key_communes"));
        }

        var comparison = Parse(Required(Comparison), Comparison, errors, ComparisonCodes);
        if (comparison == TargetComparison.Share && indicator is { } ind && !ind.AllowsShare())
            errors.Add(new(Comparison, $"{ind.Code()} không có mẫu số để tính tỷ lệ; dùng absolute hoặc percent_change / no share for this indicator"));
        var direction = Parse(Required(Direction), Direction, errors, DirectionCodes);
        var value = ParseValue(Required(Value), comparison, errors);
        var legalBasis = Required(LegalBasis);
        var documentNumber = Required(DocumentNumber);

        if (errors.Count > 0) return new PlanTargetRowResult(null, errors);
        return new PlanTargetRowResult(new PlanTarget
        {
            Scope = new TargetScope(level!.Value, codes!),
            Year = year!.Value,
            Indicator = indicator!.Value,
            KeyType = keyType,
            Comparison = comparison!.Value,
            Direction = direction!.Value,
            Value = value!.Value,
            LegalBasis = legalBasis!,
            DocumentNumber = documentNumber!,
            Note = Text(Note),
        }, []);
    }

    private static readonly CommuneStatus[] KeyTypes = [CommuneStatus.KeyTypeI, CommuneStatus.KeyTypeII, CommuneStatus.KeyTypeIII];

    private static readonly Dictionary<string, TargetScopeLevel> LevelCodes =
        Enum.GetValues<TargetScopeLevel>().ToDictionary(l => l.Code(), StringComparer.Ordinal);

    private static readonly Dictionary<string, TargetComparison> ComparisonCodes =
        Enum.GetValues<TargetComparison>().ToDictionary(c => c.Code(), StringComparer.Ordinal);

    // the symbols are what people type in a spreadsheet
    private static readonly Dictionary<string, TargetDirection> DirectionCodes = new(StringComparer.Ordinal)
    {
        ["at_least"] = TargetDirection.AtLeast, [">="] = TargetDirection.AtLeast, ["≥"] = TargetDirection.AtLeast,
        ["at_most"] = TargetDirection.AtMost, ["<="] = TargetDirection.AtMost, ["≤"] = TargetDirection.AtMost,
    };

    private static T? Parse<T>(string? raw, string field, List<FieldError> errors, Dictionary<string, T> codes) where T : struct
    {
        if (raw is null) return null;
        if (codes.TryGetValue(raw, out var value)) return value;
        errors.Add(new(field, $"'{raw}' không hợp lệ; dùng: {string.Join(", ", codes.Keys)} / unknown value"));
        return null;
    }

    // a decimal point, never a comma: "1,000" would otherwise be read as one or as a thousand depending on the locale
    private static double? ParseValue(string? raw, TargetComparison? comparison, List<FieldError> errors)
    {
        if (raw is null) return null;
        var percent = raw.EndsWith('%');
        var number = percent ? raw[..^1].TrimEnd() : raw;
        if (percent && comparison == TargetComparison.Absolute)
        {
            errors.Add(new(Value, $"'{raw}': dấu % chỉ dùng với share hoặc percent_change / % only for share or percent_change"));
            return null;
        }
        if (number.Contains(',') || !double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(new(Value, $"'{raw}' không phải số (dùng dấu chấm thập phân, ví dụ 20.5) / not a number"));
            return null;
        }
        var problem = comparison switch
        {
            TargetComparison.Share when value is < 0 or > 100 => "tỷ lệ phải từ 0 đến 100 / a share must be in 0–100",
            TargetComparison.PercentChange when value < -100 => "không thể giảm quá 100 % / cannot fall by more than 100 %",
            TargetComparison.Absolute when value < 0 => "giá trị tuyệt đối không âm / an absolute value cannot be negative",
            _ => null,
        };
        if (problem is null) return value;
        errors.Add(new(Value, $"'{raw}': {problem}"));
        return null;
    }

    [GeneratedRegex(@"[;\s]+")]
    private static partial Regex CodeSeparator();

    [GeneratedRegex(@"^[0-9A-Za-z_-]+$")]
    private static partial Regex UnitCode();
}
