/** The contract names platforms `linux`, `windows`, `darwin`…; Node says `win32`. */
export function wirePlatform(platform: NodeJS.Platform | string): string {
  return platform === 'win32' ? 'windows' : platform;
}
