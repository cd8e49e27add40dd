namespace DiaBan.Analytics.Planning;

/// <summary>
/// One commune's recognition history: an immutable list of steps. <see cref="Apply"/> returns a new case with one more
/// step, or the same case and the reasons the step is illegal; nothing is ever edited or removed.
/// </summary>
public sealed record RecognitionCase
{
    public string UnitCode { get; }
    public IReadOnlyList<RecognitionStep> Steps { get; }

    private RecognitionCase(string unitCode, IReadOnlyList<RecognitionStep> steps)
    {
        UnitCode = unitCode;
        Steps = steps;
    }

    public static RecognitionCase New(string unitCode) =>
        string.IsNullOrWhiteSpace(unitCode) ? throw new ArgumentException("Thiếu mã đơn vị / unit code missing.", nameof(unitCode)) : new(unitCode, []);

    /// <summary>Rebuilds a case from stored steps, checking each against the rules (a tampered history fails loudly);
    /// the stored steps are kept verbatim.</summary>
    public static RecognitionCase Replay(string unitCode, IEnumerable<RecognitionStep> steps)
    {
        var current = New(unitCode);
        foreach (var (step, index) in steps.Select((s, i) => (s, i)))
        {
            var outcome = current.Apply(new RecognitionCommand
            {
                Action = step.Action, Actor = step.Actor, Role = step.Role, At = step.At, Year = step.Year, Note = step.Note,
                Reasons = step.Reasons, Snapshot = step.Snapshot, Decision = step.Decision, Evidence = step.Evidence,
            });
            if (!outcome.Succeeded || outcome.Case.Steps[^1].To != step.To || step.From != current.State)
                throw new InvalidOperationException($"Bước {index + 1} ({step.Action.Code()}) của {unitCode} không hợp lệ / invalid stored step: "
                    + string.Join("; ", outcome.Errors.Select(e => e.Message)));
            current = new RecognitionCase(unitCode, [.. current.Steps, step]);
        }
        return current;
    }

    public RecognitionState State => Steps.Count == 0 ? RecognitionState.NotProposed : Steps[^1].To;

    /// <summary>The year of the latest proposal (what a recognition decides on).</summary>
    public int? ProposedYear => Steps.LastOrDefault(s => s.Action == RecognitionAction.Propose)?.Year;

    /// <summary>The latest year the commune is recognised for (decision or re-check), while recognised; otherwise null.</summary>
    public int? RecognisedYear => State == RecognitionState.Recognised
        ? Steps.Last(s => s.Action is RecognitionAction.Recognise or RecognitionAction.Recheck).Year
        : null;

    public RecognitionOutcome Apply(RecognitionCommand command)
    {
        var errors = new List<RecognitionError>();
        var rule = RecognitionWorkflow.Rule(command.Action);
        var next = RecognitionWorkflow.Next(State, command.Action);
        if (next is null)
            errors.Add(new(RecognitionErrorKind.IllegalStep, null,
                $"Không thể '{command.Action.VietnameseLabel()}' khi hồ sơ ở trạng thái '{State.VietnameseLabel()}' / {command.Action.Code()} is not allowed from {State.Code()}"));
        if (!rule.Roles.Contains(command.Role))
            errors.Add(new(RecognitionErrorKind.RoleNotAllowed, null,
                $"Vai trò {command.Role.Code()} không được '{command.Action.VietnameseLabel()}' / role {command.Role.Code()} may not {command.Action.Code()}"));
        CheckFields(command, rule.Requires, errors);
        if (errors.Count > 0) return new(this, errors);

        var step = new RecognitionStep
        {
            Action = command.Action, From = State, To = next!.Value, Actor = command.Actor.Trim(), Role = command.Role,
            At = command.At, Year = StepYear(command), Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            Reasons = command.Reasons.Select(r => r.Trim()).Where(r => r.Length > 0).ToList(),
            Snapshot = command.Snapshot, Decision = command.Decision, Evidence = command.Evidence,
        };
        return new(new RecognitionCase(UnitCode, [.. Steps, step]), []);
    }

    // a decision is about the proposal's year; a re-check names its own year; return and appraisal carry none
    private int? StepYear(RecognitionCommand command) => command.Action switch
    {
        RecognitionAction.Propose or RecognitionAction.Recheck => command.Year,
        RecognitionAction.Recognise or RecognitionAction.Refuse or RecognitionAction.Revoke => command.Year ?? ProposedYear,
        _ => command.Year,
    };

    private void CheckFields(RecognitionCommand command, StepRequirement requires, List<RecognitionError> errors)
    {
        void Missing(string field, string what) => errors.Add(new(RecognitionErrorKind.MissingField, field, $"Thiếu {what} / {field} required"));
        void Invalid(string field, string message) => errors.Add(new(RecognitionErrorKind.InvalidField, field, message));

        if (string.IsNullOrWhiteSpace(command.Actor)) Missing(nameof(command.Actor), "người thực hiện");
        if (Steps.Count > 0 && command.At < Steps[^1].At)
            Invalid(nameof(command.At), $"Thời điểm {command.At:O} trước bước trước ({Steps[^1].At:O}) / steps cannot be back-dated");

        if (requires.HasFlag(StepRequirement.Year) && command.Year is null) Missing(nameof(command.Year), "năm");
        if (command.Year is { } year)
        {
            if (command.Action == RecognitionAction.Recheck && RecognisedYear is { } recognised && year <= recognised)
                Invalid(nameof(command.Year), $"Năm kiểm tra {year} phải sau năm đã công nhận {recognised} / re-check year must follow {recognised}");
            if (command.Action == RecognitionAction.Propose && Steps.Where(s => s.Year is not null).Select(s => s.Year!.Value).DefaultIfEmpty(int.MinValue).Max() is var last && year < last)
                Invalid(nameof(command.Year), $"Năm đề nghị {year} trước năm {last} đã có trong hồ sơ / proposal year before {last}");
            if (command.Action is RecognitionAction.Recognise or RecognitionAction.Refuse && ProposedYear is { } proposed && year != proposed)
                Invalid(nameof(command.Year), $"Quyết định phải cho năm đề nghị {proposed}, không phải {year} / decision year must be the proposal year");
        }

        if (requires.HasFlag(StepRequirement.Snapshot) && command.Snapshot is null) Missing(nameof(command.Snapshot), "số liệu tiêu chí");
        if (command.Snapshot is { } snapshot)
        {
            if (snapshot.Figures.UnitCode != UnitCode)
                Invalid(nameof(command.Snapshot), $"Số liệu của đơn vị {snapshot.Figures.UnitCode}, không phải {UnitCode} / snapshot of another unit");
            if (command.Year is { } y && snapshot.Figures.Year != y)
                Invalid(nameof(command.Snapshot), $"Số liệu năm {snapshot.Figures.Year}, không phải năm {y} / snapshot of another year");
        }

        if (requires.HasFlag(StepRequirement.Reasons) && command.Reasons.All(string.IsNullOrWhiteSpace))
            Missing(nameof(command.Reasons), "lý do");

        if (requires.HasFlag(StepRequirement.Decision) && command.Decision is null) Missing(nameof(command.Decision), "số và ngày quyết định");
        if (command.Decision is { } decision)
        {
            if (string.IsNullOrWhiteSpace(decision.Number)) Missing(nameof(command.Decision), "số quyết định");
            if (decision.Date > DateOnly.FromDateTime(command.At.Date))
                Invalid(nameof(command.Decision), $"Ngày quyết định {decision.Date:dd/MM/yyyy} sau ngày ghi nhận / decision dated after the step");
        }

        foreach (var problem in command.Evidence.SelectMany(f => EvidencePolicy.Check(f))) Invalid(nameof(command.Evidence), problem);
    }
}
