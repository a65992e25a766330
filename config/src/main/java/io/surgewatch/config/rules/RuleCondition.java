package io.surgewatch.config.rules;

import java.io.Serializable;

/**
 * The condition block of a rule: which windows breach, for one detector. The rule's {@code alert}
 * chooses the type, so each detector's block is checked against its own keys.
 */
public interface RuleCondition extends Serializable {
}
