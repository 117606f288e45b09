namespace Resilience.Toxics.ToxicTypes;

/// <summary>A toxic as configured on a proxy. A new instance replaces the old one on every update, so links can
/// tell an updated toxic from an unchanged one by reference.</summary>
internal sealed record ToxicDefinition(string Name, string Type, ToxicStream Stream, double Toxicity, Toxic Attributes);
