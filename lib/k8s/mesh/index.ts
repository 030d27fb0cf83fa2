export { MeshProvider } from './mesh-provider';
export * from './mutual-tls';
