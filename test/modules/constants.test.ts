import { ConstantPool, constantSpans } from '../../src/modules/constants';

const LIST = '["aws_load_balancer_controller", "cluster_autoscaler", "external_dns"]';
const MAP = '{ "alb" = "aws_load_balancer_controller", "lbc" = "aws_load_balancer_controller" }';

function hoisted(expression: string): string[] {
  return constantSpans(expression).map((s) => expression.slice(s.start, s.end));
}

describe('constant literals hoisted out of validation expressions', () => {
  it('finds constant lists and maps in code, including after `in` and inside interpolations', () => {
    expect(hoisted(`contains(${LIST}, key)`)).toEqual([LIST]);
    expect(hoisted(`[for k in ${LIST} : k]`)).toEqual([LIST]);
    expect(hoisted(`"x \${lookup(${MAP}, key, "")} y"`)).toEqual([MAP]);
    expect(hoisted(`{ a = ${LIST}, b = 1 }`)).toEqual(['{ a = ' + LIST + ', b = 1 }']);
  });

  it('leaves alone what is not a constant literal', () => {
    const untouched = [
      `"the options are ${LIST.replace(/"/g, '')}."`, // brackets inside quoted text
      `can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", v))`,
      `[for name in keys(var.addons) : name if !contains(["a", "b"], name)]`, // short literal
      `var.lists["aws_load_balancer_controller_target_group_binding_key"]`, // an index
      `[var.role_name, "aws_load_balancer_controller", "cluster_autoscaler"]`, // a reference
      `["aws_load_balancer_controller \${var.role_name}", "cluster_autoscaler"]`, // an interpolation
    ];
    for (const expression of untouched) expect(hoisted(expression)).toEqual([]);
    // A `for` expression is not a literal, a constant inside it is.
    expect(hoisted(`{ for k, v in var.addons : k => ${LIST} }`)).toEqual([LIST]);
  });

  it('names each literal by its content and renders one sorted local', () => {
    const pool = new ConstantPool();
    const a = pool.hoist(`contains(${LIST}, key)`);
    const b = pool.hoist(`!contains(${LIST}, other) && lookup(${MAP}, k, null) != null`);
    const ref = /local\.validation_constants\.c_[0-9a-f]{10}/g;
    expect(a.match(ref)).toHaveLength(1);
    expect(b.match(ref)?.[0]).toBe(a.match(ref)?.[0]);
    expect(pool.localsBlock()).toMatch(/^locals \{\nvalidation_constants = \{\nc_[0-9a-f]{10} = /);
    expect(pool.localsBlock().split('\n')).toHaveLength(6);
    expect(new ConstantPool().localsBlock()).toBe('');
  });
});
