namespace MvcSample.Models;

/// <summary>One row of the profile page's claims table.</summary>
internal sealed record ClaimRow(string Type, string Value, string Issuer);
