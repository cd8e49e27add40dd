namespace DiaBan.Analytics.Planning;

/// <summary>Where a commune's drug-free recognition (*công nhận địa bàn không ma túy*) stands (DOMAIN.md §1.7).</summary>
public enum RecognitionState
{
    /// <summary>Chưa đề nghị: no proposal yet.</summary>
    NotProposed,
    /// <summary>Đã đề nghị: the commune proposed, with a snapshot of its criteria figures.</summary>
    Proposed,
    /// <summary>Trả lại: sent back to the commune with reasons; it may propose again.</summary>
    Returned,
    /// <summary>Đã thẩm định: appraised by the district/province, waiting for the leader's decision.</summary>
    Appraised,
    /// <summary>Đã công nhận: recognised by decision (number, date); re-checked each year.</summary>
    Recognised,
    /// <summary>Không công nhận: refused by decision; the commune may propose again.</summary>
    Refused,
    /// <summary>Thu hồi: recognition revoked with reasons; the commune may propose again.</summary>
    Revoked,
}

public enum RecognitionAction
{
    /// <summary>Đề nghị công nhận.</summary>
    Propose,
    /// <summary>Trả lại hồ sơ (with reasons).</summary>
    Return,
    /// <summary>Thẩm định.</summary>
    Appraise,
    /// <summary>Quyết định công nhận.</summary>
    Recognise,
    /// <summary>Quyết định không công nhận.</summary>
    Refuse,
    /// <summary>Củng cố, nâng chất: the yearly re-check that keeps a recognition for the next year.</summary>
    Recheck,
    /// <summary>Thu hồi quyết định công nhận.</summary>
    Revoke,
}

/// <summary>The four application roles; codes equal the Web layer's DiaBanRoles strings.</summary>
public enum RecognitionRole
{
    /// <summary>Công an xã: speaks for the commune.</summary>
    Police,
    /// <summary>Kế hoạch: the standing body's staff; may appraise and re-check, never decide.</summary>
    Planner,
    /// <summary>Lãnh đạo: decides (the People's Committee Chair's decision, DOMAIN.md §1.7).</summary>
    Leader,
    /// <summary>Quản trị: may record any step on behalf of the others (every step is audited).</summary>
    Admin,
}

/// <summary>What each action needs besides who and when.</summary>
[Flags]
public enum StepRequirement
{
    None = 0,
    Year = 1,
    Snapshot = 2,
    Reasons = 4,
    Decision = 8,
}

/// <summary>One rule of the state machine: the states an action starts from, where it leads, who may take it, what it needs.</summary>
public sealed record RecognitionRule(
    RecognitionAction Action,
    IReadOnlyList<RecognitionState> From,
    RecognitionState To,
    IReadOnlyList<RecognitionRole> Roles,
    StepRequirement Requires);

/// <summary>The recognition state machine as one table (issue 8 §4; procedure per Hướng dẫn 37/HD-BCA, DOMAIN.md §1.7).</summary>
public static class RecognitionWorkflow
{
    private static readonly RecognitionRole[] Commune = [RecognitionRole.Police, RecognitionRole.Admin];
    private static readonly RecognitionRole[] Appraisers = [RecognitionRole.Planner, RecognitionRole.Leader, RecognitionRole.Admin];
    private static readonly RecognitionRole[] Deciders = [RecognitionRole.Leader, RecognitionRole.Admin];

    public static IReadOnlyList<RecognitionRule> Rules { get; } =
    [
        new(RecognitionAction.Propose,
            [RecognitionState.NotProposed, RecognitionState.Returned, RecognitionState.Refused, RecognitionState.Revoked],
            RecognitionState.Proposed, Commune, StepRequirement.Year | StepRequirement.Snapshot),
        new(RecognitionAction.Return, [RecognitionState.Proposed, RecognitionState.Appraised],
            RecognitionState.Returned, Appraisers, StepRequirement.Reasons),
        new(RecognitionAction.Appraise, [RecognitionState.Proposed], RecognitionState.Appraised, Appraisers, StepRequirement.None),
        new(RecognitionAction.Recognise, [RecognitionState.Appraised], RecognitionState.Recognised, Deciders, StepRequirement.Decision),
        new(RecognitionAction.Refuse, [RecognitionState.Appraised], RecognitionState.Refused, Deciders,
            StepRequirement.Decision | StepRequirement.Reasons),
        new(RecognitionAction.Recheck, [RecognitionState.Recognised], RecognitionState.Recognised, Appraisers,
            StepRequirement.Year | StepRequirement.Snapshot),
        new(RecognitionAction.Revoke, [RecognitionState.Recognised], RecognitionState.Revoked, Deciders,
            StepRequirement.Decision | StepRequirement.Reasons),
    ];

    public static RecognitionRule Rule(RecognitionAction action) => Rules.Single(r => r.Action == action);

    /// <summary>The state an action leads to from a state, or null when the step is illegal there.</summary>
    public static RecognitionState? Next(RecognitionState state, RecognitionAction action) =>
        Rule(action) is var rule && rule.From.Contains(state) ? rule.To : null;

    public static bool MayTake(RecognitionRole role, RecognitionAction action) => Rule(action).Roles.Contains(role);

    /// <summary>The actions a role may take from a state (the buttons a page shows).</summary>
    public static IReadOnlyList<RecognitionAction> Available(RecognitionState state, RecognitionRole role) =>
        Rules.Where(r => r.From.Contains(state) && r.Roles.Contains(role)).Select(r => r.Action).ToList();

    public static string Code(this RecognitionRole role) => role switch
    {
        RecognitionRole.Police => "police",
        RecognitionRole.Planner => "planner",
        RecognitionRole.Leader => "leader",
        RecognitionRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static RecognitionRole RoleFromCode(string code)
    {
        foreach (var role in Enum.GetValues<RecognitionRole>())
        {
            if (role.Code() == code) return role;
        }
        throw new ArgumentException($"Vai trò không hợp lệ / unknown role '{code}'.", nameof(code));
    }

    public static string Code(this RecognitionState state) => state switch
    {
        RecognitionState.NotProposed => "not_proposed",
        RecognitionState.Proposed => "proposed",
        RecognitionState.Returned => "returned",
        RecognitionState.Appraised => "appraised",
        RecognitionState.Recognised => "recognised",
        RecognitionState.Refused => "refused",
        RecognitionState.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string VietnameseLabel(this RecognitionState state) => state switch
    {
        RecognitionState.NotProposed => "Chưa đề nghị",
        RecognitionState.Proposed => "Đã đề nghị",
        RecognitionState.Returned => "Trả lại hồ sơ",
        RecognitionState.Appraised => "Đã thẩm định",
        RecognitionState.Recognised => "Đã công nhận",
        RecognitionState.Refused => "Không công nhận",
        RecognitionState.Revoked => "Đã thu hồi",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Code(this RecognitionAction action) => action switch
    {
        RecognitionAction.Propose => "propose",
        RecognitionAction.Return => "return",
        RecognitionAction.Appraise => "appraise",
        RecognitionAction.Recognise => "recognise",
        RecognitionAction.Refuse => "refuse",
        RecognitionAction.Recheck => "recheck",
        RecognitionAction.Revoke => "revoke",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static string VietnameseLabel(this RecognitionAction action) => action switch
    {
        RecognitionAction.Propose => "Đề nghị công nhận",
        RecognitionAction.Return => "Trả lại hồ sơ",
        RecognitionAction.Appraise => "Thẩm định",
        RecognitionAction.Recognise => "Quyết định công nhận",
        RecognitionAction.Refuse => "Quyết định không công nhận",
        RecognitionAction.Recheck => "Củng cố, nâng chất (kiểm tra hằng năm)",
        RecognitionAction.Revoke => "Thu hồi công nhận",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
