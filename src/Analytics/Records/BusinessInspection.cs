using DiaBan.Analytics.Planning;

namespace DiaBan.Analytics.Records;

/// <summary>How an inspection of a conditional business was made (kiểm tra định kỳ / đột xuất).</summary>
public enum InspectionKind { Routine, Surprise }

/// <summary>
/// What an inspection of a conditional business (karaoke, bar, hotel; Decree 96/2016/NĐ-CP on security and order
/// conditions) found wrong, as far as drug prevention is concerned. Stored as the snake_case name.
/// </summary>
public enum BusinessViolation
{
    /// <summary>Để xảy ra sử dụng trái phép chất ma túy tại cơ sở.</summary>
    DrugUseOnPremises,
    /// <summary>Để xảy ra mua bán, tàng trữ trái phép chất ma túy tại cơ sở.</summary>
    DrugDealingOnPremises,
    /// <summary>Không thông báo lưu trú / không đăng ký khách (hotels, guest houses).</summary>
    GuestRegister,
    /// <summary>Không bảo đảm điều kiện về an ninh, trật tự (licence conditions).</summary>
    SecurityConditions,
    /// <summary>Hoạt động quá giờ quy định.</summary>
    OpeningHours,
    /// <summary>Vi phạm khác.</summary>
    Other,
}

/// <summary>One inspection as entered: checked, typed values (the business and the review are the store's concern).</summary>
public sealed record InspectionEntry(DateOnly InspectedOn, InspectionKind Kind, string Findings, IReadOnlyList<BusinessViolation> Violations,
    string InspectingUnit);

/// <summary>
/// The rules for an inspection typed on the web, field by field (the form and the API give the same errors): a date
/// not in the future and not before 2000, routine or surprise, findings (required, bounded), known violation kinds,
/// the inspecting unit (required).
/// </summary>
public static class InspectionRules
{
    public const string InspectedOn = "inspectedOn";
    public const string Kind = "kind";
    public const string Findings = "findings";
    public const string Violations = "violations";
    public const string InspectingUnit = "inspectingUnit";
    public const string Reason = "reason";

    public const int MaxFindings = 2000;
    public const int MaxUnit = 200;
    public const int MaxReason = 1000;
    public static readonly DateOnly FirstDate = new(2000, 1, 1);

    public static string Code(this InspectionKind kind) => kind == InspectionKind.Routine ? "routine" : "surprise";

    public static string VietnameseLabel(this InspectionKind kind) => kind == InspectionKind.Routine ? "Định kỳ" : "Đột xuất";

    public static string Code(this BusinessViolation v) => v switch
    {
        BusinessViolation.DrugUseOnPremises => "drug_use_on_premises",
        BusinessViolation.DrugDealingOnPremises => "drug_dealing_on_premises",
        BusinessViolation.GuestRegister => "guest_register",
        BusinessViolation.SecurityConditions => "security_conditions",
        BusinessViolation.OpeningHours => "opening_hours",
        BusinessViolation.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    public static string VietnameseLabel(this BusinessViolation v) => v switch
    {
        BusinessViolation.DrugUseOnPremises => "Để xảy ra sử dụng trái phép chất ma túy",
        BusinessViolation.DrugDealingOnPremises => "Để xảy ra mua bán, tàng trữ ma túy",
        BusinessViolation.GuestRegister => "Không thông báo lưu trú",
        BusinessViolation.SecurityConditions => "Không bảo đảm điều kiện ANTT",
        BusinessViolation.OpeningHours => "Hoạt động quá giờ quy định",
        BusinessViolation.Other => "Vi phạm khác",
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    public static bool TryParseKind(string? code, out InspectionKind kind)
    {
        foreach (var k in Enum.GetValues<InspectionKind>())
        {
            if (string.Equals(code?.Trim(), k.Code(), StringComparison.Ordinal)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    public static bool TryParseViolation(string? code, out BusinessViolation violation)
    {
        foreach (var v in Enum.GetValues<BusinessViolation>())
        {
            if (string.Equals(code?.Trim(), v.Code(), StringComparison.Ordinal)) { violation = v; return true; }
        }
        violation = default;
        return false;
    }

    /// <summary>Checks every field; the entry, or the errors naming each bad field.</summary>
    public static (InspectionEntry? Entry, IReadOnlyList<FieldError> Errors) Validate(string? inspectedOn, string? kind, string? findings,
        IReadOnlyList<string>? violations, string? inspectingUnit, DateOnly today)
    {
        var errors = new List<FieldError>();
        DateOnly on = default;
        if (!DateOnly.TryParseExact(inspectedOn?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out on))
            errors.Add(new FieldError(InspectedOn, "ngày kiểm tra yyyy-MM-dd là bắt buộc / date yyyy-MM-dd is required"));
        else if (on < FirstDate || on > today)
            errors.Add(new FieldError(InspectedOn, $"ngày kiểm tra phải từ {FirstDate:yyyy-MM-dd} đến hôm nay / date must be between {FirstDate:yyyy-MM-dd} and today"));
        if (!TryParseKind(kind, out var k))
            errors.Add(new FieldError(Kind, "hình thức: routine | surprise / kind must be routine or surprise"));
        var text = findings?.Trim() ?? "";
        if (text.Length == 0) errors.Add(new FieldError(Findings, "kết quả kiểm tra là bắt buộc / findings are required"));
        else if (!IsCleanText(text, MaxFindings)) errors.Add(new FieldError(Findings, $"tối đa {MaxFindings} ký tự, không ký tự điều khiển / at most {MaxFindings} characters, no control characters"));
        var parsed = new List<BusinessViolation>();
        foreach (var code in violations ?? [])
        {
            if (TryParseViolation(code, out var v)) { if (!parsed.Contains(v)) parsed.Add(v); }
            else errors.Add(new FieldError(Violations, $"'{code}' không phải loại vi phạm / is not one of {string.Join("|", Enum.GetValues<BusinessViolation>().Select(x => x.Code()))}"));
        }
        var unit = inspectingUnit?.Trim() ?? "";
        if (unit.Length == 0) errors.Add(new FieldError(InspectingUnit, "đơn vị kiểm tra là bắt buộc / the inspecting unit is required"));
        else if (!IsCleanText(unit, MaxUnit)) errors.Add(new FieldError(InspectingUnit, $"tối đa {MaxUnit} ký tự / at most {MaxUnit} characters"));
        if (errors.Count > 0) return (null, errors);
        parsed.Sort();
        return (new InspectionEntry(on, k, text, parsed, unit), []);
    }

    /// <summary>A return's reason: required, bounded, no control characters.</summary>
    public static FieldError? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? new FieldError(Reason, "lý do trả lại là bắt buộc / a reason is required")
        : !IsCleanText(reason.Trim(), MaxReason) ? new FieldError(Reason, $"tối đa {MaxReason} ký tự / at most {MaxReason} characters")
        : null;

    private static bool IsCleanText(string text, int maxLength) =>
        text.Length <= maxLength && !text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));
}
