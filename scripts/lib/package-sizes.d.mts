export function filesUnder(dir: string): string[]
export function subRootsOf(app: { subPackages?: { root: string }[]; subpackages?: { root: string }[] }): string[]
export function packageSizes(dir: string, app: unknown): Record<string, number>
export function mainPackageBytes(dir: string): number
