using Microsoft.AspNetCore.Authorization;

namespace DiaBan.Web.Auth;

/// <summary>
/// Who may do what, by name: endpoints (<c>RequireAuthorization(DiaBanPolicies.CanPlanPatrols)</c>) and pages
/// (<c>[Authorize(Policy = …)]</c>, <c>&lt;AuthorizeView Policy=…&gt;</c>) use these names, never role lists.
/// The role behind each name is decided here only.
/// </summary>
public static class DiaBanPolicies
{
    /// <summary>Risk scores, the patrol priority list and the backtest (planners may not see where police will go).</summary>
    public const string CanPlanPatrols = nameof(CanPlanPatrols);

    /// <summary>Record or withdraw the province's official status of a commune.</summary>
    public const string CanRecordOfficialStatus = nameof(CanRecordOfficialStatus);

    /// <summary>Store a new version of a classification rule set.</summary>
    public const string CanEditRuleSets = nameof(CanEditRuleSets);

    /// <summary>The fairness table of the patrol plan (priority share against population share).</summary>
    public const string CanReviewFairness = nameof(CanReviewFairness);

    /// <summary>The province-wide backtest of the risk model (its metrics describe the whole province, not one area).</summary>
    public const string CanReviewModel = nameof(CanReviewModel);

    /// <summary>The audit log: who changed what, signed in or was refused.</summary>
    public const string CanReadAudit = nameof(CanReadAudit);

    /// <summary>The statistics layers (hot spots, clusters, emerging, density) of the caller's area: every role.</summary>
    public const string CanViewStatistics = nameof(CanViewStatistics);

    /// <summary>Create, change and delete plan targets (chỉ tiêu kế hoạch) inside the caller's area.</summary>
    public const string CanEditTargets = nameof(CanEditTargets);

    /// <summary>Lands on the dashboard (start page "/") instead of the map: the province's leaders (issue 8 §6).</summary>
    public const string LandsOnDashboard = nameof(LandsOnDashboard);
    /// <summary>The 6-month and annual reports (sơ kết, tổng kết) of the caller's area: every role.</summary>
    public const string CanReadReports = nameof(CanReadReports);
    /// <summary>Read drug-free recognition cases of the caller's area (every role; the area decides which).</summary>
    public const string CanViewRecognitions = nameof(CanViewRecognitions);

    /// <summary>Propose a commune for drug-free recognition (commune police of that area).</summary>
    public const string CanProposeRecognition = nameof(CanProposeRecognition);

    /// <summary>Appraise (thẩm định), return with reasons, re-check a recognition yearly: the standing body and leaders.</summary>
    public const string CanAppraiseRecognition = nameof(CanAppraiseRecognition);

    /// <summary>Decide (recognise, refuse) and revoke a recognition: leaders only — planners never decide.</summary>
    public const string CanDecideRecognition = nameof(CanDecideRecognition);

    /// <summary>Enter records on the web (incidents, spot steps, inspections, tips, a commune's figures) inside one's area and submit them.</summary>
    public const string CanEnterRecords = nameof(CanEnterRecords);

    /// <summary>Verify or return submitted records (a province officer: leaders and administrators — never planners).</summary>
    public const string CanVerifyRecords = nameof(CanVerifyRecords);

    /// <summary>The map's point and line layers of the caller's area (incidents, businesses, routes) and inspections: every role.</summary>
    public const string CanViewPlaces = nameof(CanViewPlaces);

    private static readonly (string Name, string[] Roles)[] Rules =
    [
        (CanPlanPatrols, [DiaBanRoles.Police, DiaBanRoles.Leader, DiaBanRoles.Admin]),
        (CanRecordOfficialStatus, [DiaBanRoles.Leader, DiaBanRoles.Admin]),
        (CanEditRuleSets, [DiaBanRoles.Admin]),
        (CanReviewFairness, [DiaBanRoles.Leader, DiaBanRoles.Admin]),
        (CanReviewModel, [DiaBanRoles.Leader, DiaBanRoles.Admin]),
        (CanReadAudit, [DiaBanRoles.Admin]),
        (CanViewStatistics, [.. DiaBanRoles.All]),
        (CanEditTargets, [DiaBanRoles.Leader, DiaBanRoles.Admin]),
        (LandsOnDashboard, [DiaBanRoles.Leader]),
        (CanReadReports, [.. DiaBanRoles.All]),
        // the same roles as RecognitionWorkflow's table (a test checks they agree)
        (CanViewRecognitions, [.. DiaBanRoles.All]),
        (CanProposeRecognition, [DiaBanRoles.Police, DiaBanRoles.Admin]),
        (CanAppraiseRecognition, [DiaBanRoles.Planner, DiaBanRoles.Leader, DiaBanRoles.Admin]),
        (CanDecideRecognition, [DiaBanRoles.Leader, DiaBanRoles.Admin]),
        // EntryReview: entering and verifying are different people's rights
        (CanEnterRecords, [DiaBanRoles.Police, DiaBanRoles.Admin]),
        (CanVerifyRecords, [DiaBanRoles.Leader, DiaBanRoles.Admin]),
        (CanViewPlaces, [.. DiaBanRoles.All]),
    ];

    /// <summary>Registers every policy once; called from Program.</summary>
    public static IServiceCollection AddDiaBanPolicies(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var (name, roles) in Rules) builder.AddPolicy(name, policy => policy.RequireRole(roles));
        return services;
    }

    /// <summary>The roles a policy admits (for tests and documentation).</summary>
    public static IReadOnlyList<string> RolesOf(string policy) => Rules.Single(r => r.Name == policy).Roles;
}
