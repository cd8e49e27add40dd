namespace DiaBan.Analytics.Records;

// Every record entered on the web (incident, drug spot step, business inspection, tip, a commune's figures) goes through
// the same review: the entering officer keeps a draft, submits it, and a province officer verifies it or returns it
// with a reason; a returned entry is edited and submitted again. Only verified entries count in maps, figures and reports.

/// <summary>Where an entered record stands in its review.</summary>
public enum ReviewState { Draft, Submitted, Verified, Returned }

/// <summary>What a user does to an entered record.</summary>
public enum ReviewAction { Edit, Submit, Verify, Return }

public static class EntryReview
{
    /// <summary>The state after <paramref name="action"/>, or null when the action is not allowed from <paramref name="state"/>.</summary>
    public static ReviewState? Next(ReviewState state, ReviewAction action) => (state, action) switch
    {
        (ReviewState.Draft or ReviewState.Returned, ReviewAction.Edit) => state,
        (ReviewState.Draft or ReviewState.Returned, ReviewAction.Submit) => ReviewState.Submitted,
        (ReviewState.Submitted, ReviewAction.Verify) => ReviewState.Verified,
        (ReviewState.Submitted, ReviewAction.Return) => ReviewState.Returned,
        _ => null,
    };

    /// <summary>Whether the action needs the verifier's right (a province officer), not only the enterer's.</summary>
    public static bool NeedsVerifier(ReviewAction action) => action is ReviewAction.Verify or ReviewAction.Return;

    /// <summary>A return must say why (shown to the officer who entered it).</summary>
    public static bool NeedsReason(ReviewAction action) => action == ReviewAction.Return;

    /// <summary>Whether an entry in this state counts in maps, figures and reports.</summary>
    public static bool Counts(this ReviewState state) => state == ReviewState.Verified;
}
